package io.narrative.stance;

import java.io.Serializable;
import java.util.List;

/**
 * The stance of one sentence toward one target.
 *
 * @param score the rule score in [-1, 1]
 * @param features the rule features for a trained model (see {@link StanceFeatures})
 * @param windowTerms the words around the target's mentions, mentions replaced by placeholders
 */
public record TargetStance(String target, double score, List<MentionSpan> mentions, List<EvidenceItem> evidence,
        double[] features, List<String> windowTerms) implements Serializable {
}
