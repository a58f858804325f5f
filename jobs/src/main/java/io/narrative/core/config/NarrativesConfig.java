package io.narrative.core.config;

import lombok.Data;
import lombok.NoArgsConstructor;

/**
 * Narratives by description (conf/narratives.yaml): which storylines to look for and when a sentence and a
 * document carry one. The encoder is the stance stage's model file ({@code stance.encoder.model}), used as
 * published: the stance head's fine-tuned blocks serve stance, not sentence similarity.
 */
@Data
@NoArgsConstructor
public class NarrativesConfig implements ConfigSection {
    /** false: the narratives stage writes nothing and the report leaves its tables out. */
    private boolean enabled = true;
    /** The narratives YAML; empty = the copy of conf/narratives.yaml built into the job. */
    private String definitions = "";
    /**
     * A sentence carries a narrative when its calibrated score is at least this (chosen by eval-narratives
     * leave-one-out micro-F1 on the default file: 0.682 at 0.3, 0.667 at 0.5).
     */
    private double threshold = 0.3;
    /** A document carries a narrative when at least this many of its sentences do. */
    private int minSentences = 1;
    /** sentence_narratives keeps scores from this value up (lower than the threshold, for exploring). */
    private double minScore = 0.2;
    /** How many of a document's strongest sentences doc_narratives names as evidence. */
    private int evidenceSentences = 3;

    @Override
    public void validate(String prefix, ConfigErrors errors) {
        errors.between(prefix + ".threshold", threshold, 0.0, 1.0);
        errors.between(prefix + ".min_score", minScore, 0.0, threshold);
        errors.atLeast(prefix + ".min_sentences", minSentences, 1);
        errors.atLeast(prefix + ".evidence_sentences", evidenceSentences, 1);
    }
}
