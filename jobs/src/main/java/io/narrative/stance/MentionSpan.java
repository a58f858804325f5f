package io.narrative.stance;

import java.io.Serializable;

/** A target mention in a sentence: the alias as written and its character and token span. */
public record MentionSpan(String target, String alias, int charStart, int charEnd, int tokenStart, int tokenEnd)
        implements Serializable {
}
