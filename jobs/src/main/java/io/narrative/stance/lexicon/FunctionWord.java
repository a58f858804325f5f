package io.narrative.stance.lexicon;

import java.util.Locale;

/** The roles of the function words in conf/lexicons/LANG/cues.tsv. */
public enum FunctionWord {
    /** Flips a cue that follows it within the negation window. */
    NEGATOR,
    /** Flips the cue just before it (Turkish "değil"). */
    NEGATOR_AFTER,
    INTENSIFIER,
    HEDGE,
    /** A preposition before a target that makes it the one acted upon ("against", "на", "ضد"). */
    PATIENT_MARKER,
    /** A preposition before a target that makes it the actor ("by", "со стороны"). */
    AGENT_MARKER,
    /** A postposition after a target that makes it the one acted upon (Turkish "karşı"). */
    PATIENT_POSTPOSITION,
    /** An auxiliary before a cue that makes the target before it the one acted upon ("was attacked"). */
    PASSIVE_MARKER,
    /** A case suffix after the apostrophe that marks the object (Turkish Rusya'ya, Rusya'yı). */
    PATIENT_SUFFIX,
    /** An ending of a target after a cue that marks it as the owner (Russian genitive "агрессия России"). */
    AGENT_ENDING,
    /** An ending of a cue word that makes it active even after a passive marker (English "-ing"). */
    ACTIVE_ENDING;

    public static FunctionWord parse(String text) {
        return valueOf(text.strip().toUpperCase(Locale.ROOT));
    }
}
