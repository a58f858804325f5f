package io.narrative.stance;

import io.narrative.core.io.SerializableHadoopConf;
import io.narrative.encoder.Adapter;
import io.narrative.stance.eval.ScoredItem;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The encoder as eval-stance and train-stance use it on labelled items: the same {@link EncoderStance} as
 * the stage, so that what is measured and trained on is what runs. Keeps each item's encoder features (for
 * training) and, when a head is given, scores the item with it.
 */
public final class GoldEncoding implements Serializable {
    private final String modelPath;
    private final SerializableHadoopConf hadoop;
    private final StanceHead head;
    private final int contextTokens;
    private final int tapLayer;
    private final int batchTokens;
    private final Adapter adapter;

    /**
     * {@code head} null: features only, scored later (training); their shape then comes from the arguments
     * ({@code adapter}: the fine-tuned top blocks, or null).
     */
    public GoldEncoding(String modelPath, SerializableHadoopConf hadoop, StanceHead head, int contextTokens,
            int tapLayer, int batchTokens, Adapter adapter) {
        this.modelPath = modelPath;
        this.hadoop = hadoop;
        this.head = head;
        this.contextTokens = head != null ? head.getContextTokens() : contextTokens;
        this.tapLayer = head != null ? head.getTapLayer() : tapLayer;
        this.batchTokens = batchTokens;
        this.adapter = head != null ? null : adapter;
    }

    public Session open() {
        StanceHead shape = head != null ? head : StanceHead.shapeOnly(contextTokens, tapLayer, adapter);
        return new Session(EncoderStance.open(modelPath, hadoop.get(), shape, batchTokens));
    }

    /** One task's encoder. */
    public final class Session {
        private final EncoderStance encoder;

        private Session(EncoderStance encoder) {
            this.encoder = encoder;
        }

        /**
         * Encodes each item's target (stance null: no mention, nothing to encode; zeros are kept) and, with a
         * head, sets its score (P(favor) - P(against)), label and probabilities.
         */
        public void apply(List<String> texts, List<TargetStance> stances, List<ScoredItem> items) {
            List<List<TargetStance>> groups = new ArrayList<>();
            for (TargetStance s : stances) {
                groups.add(s == null || s.mentions().isEmpty() ? List.of() : List.of(s));
            }
            List<float[][]> encoded = encoder.encode(texts, groups);
            for (int i = 0; i < items.size(); i++) {
                ScoredItem item = items.get(i);
                float[] features = encoded.get(i).length == 0 ? new float[encoder.dim()] : encoded.get(i)[0];
                List<Double> values = new ArrayList<>(features.length);
                for (float f : features) {
                    values.add((double) f);
                }
                item.setEncoded(values);
                if (head != null) {
                    double[] rules = item.getFeatures().stream().mapToDouble(Double::doubleValue).toArray();
                    double[] p = head.probabilities(item.getLang(), features, rules);
                    item.setScore(p[2] - p[0]);
                    item.setLabel(EncoderStance.label(p));
                    item.setPAgainst(p[0]);
                    item.setPNeutral(p[1]);
                    item.setPFavor(p[2]);
                }
            }
        }
    }
}
