package io.narrative.core.config;

import lombok.Data;
import lombok.NoArgsConstructor;

/**
 * Stance toward the configured targets: a trained head over a pretrained multilingual encoder (the
 * default), or the lexicon and role rules, optionally re-weighted by a model saved by train-stance.
 */
@Data
@NoArgsConstructor
public class StanceConfig implements ConfigSection {
    public static final String ENCODER = "encoder";
    public static final String RULES = "rules";

    /** encoder: probabilities from the encoder head (rules still give the evidence words); rules: the rules. */
    private String scorer = ENCODER;
    private EncoderConfig encoder = new EncoderConfig();
    /** The targets YAML; empty = the copy of conf/targets.yaml built into the job. */
    private String targets = "";
    /** A folder with LANG/polarity.tsv, LANG/domain.tsv and LANG/cues.tsv; empty = the built-in conf/lexicons. */
    private String lexicons = "";
    /** With scorer rules: a model saved by train-stance over the rule features; empty = the rules alone. */
    private String model = "";
    /** Cues further than this many words from every mention of a target are ignored. */
    private int window = 10;
    /** A negator flips a cue that follows it within this many words. */
    private int negationWindow = 3;
    /** Share of a harmful act that counts in favour of the target suffering it ("sanctions against Russia"). */
    private double victimFactor = 0.5;
    /** Scores at or above this are labelled favor. */
    private double favorThreshold = 0.1;
    /** Scores at or below this are labelled against. */
    private double againstThreshold = -0.1;
    /** The first paragraphs of a document (often the title and the lead) weigh more in its stance. */
    private int leadParagraphs = 1;
    private double leadWeight = 2.0;
    /** How many of a document's strongest sentences it names as evidence. */
    private int evidenceSentences = 3;
    /** Training (train-stance): L2 regularisation of the logistic regression. */
    private double trainRegParam = 0.3;
    /** Training: at most this many words and as many word pairs as features. */
    private int trainVocabSize = 50_000;
    /** Training: a word or word pair must occur in this many training sentences to be a feature. */
    private int trainMinDf = 3;

    public boolean usesEncoder() {
        return ENCODER.equals(scorer);
    }

    @Override
    public void validate(String prefix, ConfigErrors errors) {
        errors.oneOf(prefix + ".scorer", scorer, java.util.List.of(ENCODER, RULES));
        if (encoder == null) {
            errors.add(prefix + ".encoder", null, "a section with model, head, batch_tokens");
        } else {
            encoder.validate(prefix + ".encoder", errors);
        }
        errors.atLeast(prefix + ".window", window, 1);
        errors.atLeast(prefix + ".negation_window", negationWindow, 0);
        errors.between(prefix + ".victim_factor", victimFactor, 0.0, 1.0);
        errors.between(prefix + ".favor_threshold", favorThreshold, 0.0, 1.0);
        errors.between(prefix + ".against_threshold", againstThreshold, -1.0, 0.0);
        errors.atLeast(prefix + ".lead_paragraphs", leadParagraphs, 0);
        errors.between(prefix + ".lead_weight", leadWeight, 1.0, 100.0);
        errors.atLeast(prefix + ".evidence_sentences", evidenceSentences, 1);
        errors.between(prefix + ".train_reg_param", trainRegParam, 0.0, 100.0);
        errors.atLeast(prefix + ".train_vocab_size", trainVocabSize, 10);
        errors.atLeast(prefix + ".train_min_df", trainMinDf, 1);
        if (targets == null) {
            errors.add(prefix + ".targets", null, "a path or an empty string");
        }
        if (lexicons == null) {
            errors.add(prefix + ".lexicons", null, "a path or an empty string");
        }
        if (model == null) {
            errors.add(prefix + ".model", null, "a path or an empty string");
        } else if (!model.isBlank() && ENCODER.equals(scorer)) {
            errors.add(prefix + ".model", model, "an empty string with stance.scorer encoder (a rule-feature model"
                    + " from train-stance applies to stance.scorer rules; the encoder's head is stance.encoder.head)");
        }
    }
}
