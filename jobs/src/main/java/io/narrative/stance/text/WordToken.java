package io.narrative.stance.text;

import java.io.Serializable;
import java.util.List;

/**
 * One token of a sentence as the stance rules see it.
 *
 * @param text the token as written
 * @param forms normalised forms to compare with patterns: the whole token, the part before an apostrophe
 *     (Rusya'nın, Russia's) and, for Arabic, the token without its proclitics
 * @param suffix the normalised part after an apostrophe ("nın"), empty when none: Turkish case suffixes
 * @param start offset of the first character in the sentence
 * @param end offset after the last character
 * @param word false for punctuation
 */
public record WordToken(String text, List<String> forms, String suffix, int start, int end, boolean word)
        implements Serializable {
    /** The normalised whole token. */
    public String norm() {
        return forms.get(0);
    }
}
