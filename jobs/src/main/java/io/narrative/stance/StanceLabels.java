package io.narrative.stance;

import io.narrative.core.config.StanceConfig;
import java.io.Serializable;

/** Labels and their numeric codes, shared by the rules, the trained model and the evaluation. */
public final class StanceLabels implements Serializable {
    public static final String FAVOR = "favor";
    public static final String AGAINST = "against";
    public static final String NEUTRAL = "neutral";
    /** Class index of each label in a trained model: gold -1/0/1 plus one. */
    public static final String[] BY_INDEX = {AGAINST, NEUTRAL, FAVOR};

    private StanceLabels() {
    }

    public static String label(double score, StanceConfig config) {
        if (score >= config.getFavorThreshold() && score > 0) {
            return FAVOR;
        }
        if (score <= config.getAgainstThreshold() && score < 0) {
            return AGAINST;
        }
        return NEUTRAL;
    }

    /** -1, 0 or 1 for a label. */
    public static int polarity(String label) {
        return switch (label) {
            case FAVOR -> 1;
            case AGAINST -> -1;
            default -> 0;
        };
    }
}
