package io.narrative.stance;

import io.narrative.encoder.E5Model;
import io.narrative.encoder.SharedModels;
import io.narrative.encoder.SpanEncoder;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * Stance probabilities from the encoder: every sentence encoded once, each target's mentions pooled into
 * its own features ({@link SpanEncoder}), then the {@link StanceHead} over those and the rule features.
 * One per task; the model behind it is shared by the executor's tasks.
 */
final class EncoderStance {
    private final SpanEncoder encoder;
    private final StanceHead head;

    EncoderStance(E5Model model, StanceHead head, int batchTokens) {
        this.encoder = new SpanEncoder(model, head.getContextTokens(), batchTokens, head.getTapLayer(),
                head.adapterFor(model));
        this.head = head;
        if (head.trained() && encoder.dim() != head.getEncoderFeatures()) {
            throw new IllegalStateException("the stance head expects " + head.getEncoderFeatures()
                    + " encoder features, the encoder gives " + encoder.dim());
        }
    }

    static EncoderStance open(String modelPath, Configuration hadoop, StanceHead head, int batchTokens) {
        return new EncoderStance(SharedModels.get(modelPath, hadoop), head, batchTokens);
    }

    int dim() {
        return encoder.dim();
    }

    /** The encoder features of each target of each sentence, in the order of {@code stances}. */
    List<float[][]> encode(List<String> texts, List<List<TargetStance>> stances) {
        return encoder.encode(requests(texts, stances));
    }

    /** Class probabilities per target of each sentence and, when asked for, e5's vector of each sentence. */
    record Scored(List<double[][]> probabilities, float[][] sentences) {
    }

    /**
     * P(against), P(neutral), P(favor) of each target of each sentence (of language {@code langs[s]}); with
     * {@code withSentences}, also each sentence's vector from the encoder as published (same pass).
     */
    Scored score(List<String> texts, List<String> langs, List<List<TargetStance>> stances, boolean withSentences) {
        List<SpanEncoder.Request> requests = requests(texts, stances);
        SpanEncoder.Encoded encoded = withSentences ? encoder.encodeWithSentences(requests)
                : new SpanEncoder.Encoded(encoder.encode(requests), null);
        List<double[][]> out = new ArrayList<>(encoded.features().size());
        for (int s = 0; s < encoded.features().size(); s++) {
            double[][] p = new double[encoded.features().get(s).length][];
            for (int t = 0; t < p.length; t++) {
                p[t] = head.probabilities(langs.get(s), encoded.features().get(s)[t], stances.get(s).get(t).features());
            }
            out.add(p);
        }
        return new Scored(out, encoded.sentences());
    }

    /** P(against), P(neutral), P(favor) of each target of each sentence (of language {@code langs[s]}). */
    List<double[][]> probabilities(List<String> texts, List<String> langs, List<List<TargetStance>> stances) {
        return score(texts, langs, stances, false).probabilities();
    }

    private static List<SpanEncoder.Request> requests(List<String> texts, List<List<TargetStance>> stances) {
        List<SpanEncoder.Request> requests = new ArrayList<>(texts.size());
        for (int s = 0; s < texts.size(); s++) {
            List<List<int[]>> groups = new ArrayList<>();
            for (TargetStance target : stances.get(s)) {
                List<int[]> spans = new ArrayList<>();
                for (MentionSpan m : target.mentions()) {
                    spans.add(new int[] {m.charStart(), m.charEnd()});
                }
                groups.add(spans);
            }
            requests.add(new SpanEncoder.Request(texts.get(s), groups));
        }
        return requests;
    }

    /** The label of the likeliest class. */
    static String label(double[] p) {
        return StanceLabels.BY_INDEX[HeadClassifier.argmax(p)];
    }
}
