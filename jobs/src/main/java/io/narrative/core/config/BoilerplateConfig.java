package io.narrative.core.config;

import lombok.Data;
import lombok.NoArgsConstructor;

/**
 * The corpus-level boilerplate rule: a short paragraph that recurs in many documents of one source
 * ("Related Videos", "Leave a Reply") is navigation or furniture, not content.
 */
@Data
@NoArgsConstructor
public class BoilerplateConfig implements ConfigSection {
    private boolean enabled = true;
    /** A paragraph must recur in at least this many documents of a source... */
    private int minDocs = 5;
    /** ...and in at least this share of the source's documents. */
    private double minShare = 0.01;
    /** Only paragraphs of at most this many words are candidates. */
    private int maxWords = 12;
    /** At most this many boilerplate paragraphs are kept in the driver's dictionary (most frequent first). */
    private int maxEntries = 50_000;

    @Override
    public void validate(String prefix, ConfigErrors errors) {
        errors.atLeast(prefix + ".min_docs", minDocs, 2);
        errors.between(prefix + ".min_share", minShare, 0.0, 1.0);
        errors.atLeast(prefix + ".max_words", maxWords, 1);
        errors.atLeast(prefix + ".max_entries", maxEntries, 1);
    }
}
