package io.narrative.stance.lexicon;

import java.io.Serializable;

/** A lexicon entry: the entry as written, its weight in [-1, 1] and whom it portrays. */
public record Cue(String term, double weight, CueKind kind) implements Serializable {
}
