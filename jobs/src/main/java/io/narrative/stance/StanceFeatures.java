package io.narrative.stance;

import io.narrative.stance.lexicon.CueKind;
import io.narrative.stance.lexicon.CueKind.Role;

/**
 * What the rules saw for one target in one sentence, as numbers a trained model can weigh differently than
 * the rules do: positive and negative contributions, cue counts by kind and role, negations, hedges.
 */
public final class StanceFeatures {
    public static final String[] NAMES = {"positive", "negative", "cues", "negated", "hedged", "harm_by_target",
        "harm_to_target", "judgement_of_target", "benefit", "praise", "quality", "total", "mentions",
        "sentence_words_per_50"};
    public static final int SIZE = NAMES.length;

    private final double[] values = new double[SIZE];

    StanceFeatures(int mentions, int sentenceWords) {
        values[12] = mentions;
        values[13] = sentenceWords / 50.0;
    }

    void add(CueKind kind, Role role, double weight, double contribution, boolean negated, boolean hedged) {
        values[contribution > 0 ? 0 : 1] += contribution;
        values[2] += 1;
        values[3] += negated ? 1 : 0;
        values[4] += hedged ? 1 : 0;
        switch (kind) {
            case HARM -> values[role == Role.PATIENT ? 6 : 5] += weight;
            case JUDGEMENT -> values[7] += role == Role.PATIENT ? weight : 0.0;
            case BENEFIT -> values[8] += contribution;
            case PRAISE -> values[9] += contribution;
            case QUALITY -> values[10] += contribution;
        }
        values[11] += contribution;
    }

    double total() {
        return values[11];
    }

    double[] toArray() {
        return values.clone();
    }
}
