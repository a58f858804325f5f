package io.narrative.core.config;

import lombok.Data;
import lombok.NoArgsConstructor;

/**
 * Multi-word terms learned from the corpus, as gensim's Phrases does but with its NPMI scorer: two terms
 * that follow each other often enough, and much more often than chance, become one term
 * ({@code united_states}). Each pass can join a phrase with one more term.
 */
@Data
@NoArgsConstructor
public class PhrasesConfig implements ConfigSection {
    private boolean enabled = true;
    /** A bigram must occur at least this many times in a language's sentences. */
    private int minCount = 5;
    /** Normalised PMI threshold, from -1 to 1 (gensim's npmi scorer; 0.5 is a common choice). */
    private double threshold = 0.5;
    /** Passes over the corpus; 2 allows three-word phrases. */
    private int passes = 2;
    /** At most this many phrases per language and pass (highest NPMI first). */
    private int maxPhrases = 20_000;

    @Override
    public void validate(String prefix, ConfigErrors errors) {
        errors.atLeast(prefix + ".min_count", minCount, 1);
        errors.between(prefix + ".threshold", threshold, -1.0, 1.0);
        errors.atLeast(prefix + ".passes", passes, 1);
        errors.atLeast(prefix + ".max_phrases", maxPhrases, 1);
    }
}
