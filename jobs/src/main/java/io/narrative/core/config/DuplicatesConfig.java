package io.narrative.core.config;

import lombok.Data;
import lombok.NoArgsConstructor;

/** Exact and near-duplicate detection (MinHash LSH over word shingles). */
@Data
@NoArgsConstructor
public class DuplicatesConfig implements ConfigSection {
    private boolean exact = true;
    private boolean near = true;
    /** Two documents whose shingle sets have at least this Jaccard similarity are near duplicates. */
    private double jaccardThreshold = 0.8;
    /** Words per shingle. */
    private int shingleWords = 5;
    /** LSH bands and rows per band: bands x rows MinHash functions; candidates share one whole band. */
    private int bands = 8;
    private int rowsPerBand = 4;
    /** Within one LSH bucket, each document is compared with at most this many earlier documents. */
    private int maxComparisons = 20;
    private long seed = 7L;

    @Override
    public void validate(String prefix, ConfigErrors errors) {
        errors.between(prefix + ".jaccard_threshold", jaccardThreshold, 0.01, 1.0);
        errors.atLeast(prefix + ".shingle_words", shingleWords, 1);
        errors.atLeast(prefix + ".bands", bands, 1);
        errors.atLeast(prefix + ".rows_per_band", rowsPerBand, 1);
        errors.atLeast(prefix + ".max_comparisons", maxComparisons, 1);
    }
}
