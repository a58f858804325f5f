package io.narrative.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narrative.testing.TestModels;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

class SentenceEmbedderTest {
    private static E5Model model() {
        return SharedModels.get(TestModels.encoderModel(), new Configuration());
    }

    /** An adapter whose B is not zero, so that it changes what the top blocks give. */
    private static Adapter adapter(E5Model model) {
        Adapter adapter = Adapter.initial(model, 4, 4, 8f, 3);
        Random random = new Random(5);
        for (float[] b : adapter.up) {
            for (int i = 0; i < b.length; i++) {
                b[i] = (float) random.nextGaussian() * 0.05f;
            }
        }
        return adapter;
    }

    @Test
    void onePassWithAnAdapter_alsoGivesTheStatesOfTheEncoderAsPublished() {
        E5Model model = model();
        Adapter adapter = adapter(model);
        List<int[]> sequences = List.of(model.tokenizePassage("Russia and Turkey signed a grain deal.").ids(),
                model.tokenizePassage("Москва отвергла обвинения.").ids());
        HiddenStates both = model.forwardWithPublished(sequences, 8, adapter);
        HiddenStates adapted = model.forward(sequences, 8, adapter);
        HiddenStates published = model.forward(sequences, 8, null);
        assertArrayEquals(adapted.values(), both.values(), "the adapted states as before");
        assertArrayEquals(adapted.tapped(), both.tapped());
        assertArrayEquals(published.values(), both.published(), "the published states, bit for bit");
        assertFalse(Arrays.equals(both.values(), both.published()), "the adapter does change the top blocks");
    }

    @Test
    void theStanceEncodersSentenceVectors_areTheEmbeddersPassageVectorsBitForBit() {
        E5Model model = model();
        List<String> texts = List.of("Washington imposed new sanctions on Moscow.",
                "أعلنت تركيا أنها مستعدة للوساطة بين روسيا وأوكرانيا.");
        List<SpanEncoder.Request> requests = List.of(
                new SpanEncoder.Request(texts.get(0), List.of(List.of(new int[] {0, 10}), List.of(new int[] {35, 41}))),
                new SpanEncoder.Request(texts.get(1), List.of(List.of(new int[] {6, 11}))));
        SpanEncoder.Encoded encoded = new SpanEncoder(model, 8, 4096, 8, adapter(model)).encodeWithSentences(requests);
        float[][] alone = new SentenceEmbedder(model, null, 4096).passages(texts);
        assertArrayEquals(alone[0], encoded.sentences()[0]);
        assertArrayEquals(alone[1], encoded.sentences()[1]);
    }

    @Test
    void anEnglishDescription_isCloserToARussianSentenceSayingItThanToOneThatDoesNot() {
        SentenceEmbedder embedder = new SentenceEmbedder(model(), null, 4096);
        float[] query = embedder.queries(List.of("Western media lie and hide the truth from the public."))[0];
        float[][] sentences = embedder.passages(List.of("Западные СМИ лгут и скрывают правду о войне.",
                "Центральный банк сохранил ключевую ставку на прежнем уровне."));
        double saying = Vectors.cosine(query, sentences[0]);
        double other = Vectors.cosine(query, sentences[1]);
        assertTrue(saying > other + 0.05, "cosines " + saying + " vs " + other);
    }
}
