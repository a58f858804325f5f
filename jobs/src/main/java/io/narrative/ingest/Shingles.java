package io.narrative.ingest;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Word shingles as 64-bit hashes and their MinHash signature, straight from the text: no shingle strings,
 * no term vectors. Words are maximal runs of letters and digits (any script), lower-cased per code point;
 * a shingle is {@code w} consecutive words, hashed in order.
 *
 * <p>With 64-bit hashes two different shingles of a corpus collide with negligible probability, so the
 * Jaccard similarity of two hash sets is the shingle sets' own (MLlib's HashingTF folded them into 2^22
 * buckets first).
 */
final class Shingles {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Shingles() {
    }

    /** Sorted, distinct hashes of the text's {@code wordsPerShingle}-word shingles; empty when it has fewer words. */
    static long[] of(String text, int wordsPerShingle) {
        if (text == null || text.isEmpty()) {
            return new long[0];
        }
        long[] window = new long[wordsPerShingle];
        long[] out = new long[Math.max(16, text.length() / 5)];
        int n = 0;
        long words = 0;
        long word = 0;
        boolean inWord = false;
        for (int i = 0; i <= text.length(); ) {
            int cp = i < text.length() ? text.codePointAt(i) : ' ';
            if (isWordChar(cp)) {
                word = (word ^ Character.toLowerCase(cp)) * 0x100000001B3L;
                inWord = true;
            } else if (inWord) {
                window[(int) (words % wordsPerShingle)] = mix(word);
                words++;
                if (words >= wordsPerShingle) {
                    if (n == out.length) {
                        out = Arrays.copyOf(out, n * 2);
                    }
                    out[n++] = shingle(window, words, wordsPerShingle);
                }
                word = 0;
                inWord = false;
            }
            i += i < text.length() ? Character.charCount(cp) : 1;
        }
        long[] sorted = Arrays.copyOf(out, n);
        Arrays.sort(sorted);
        return distinct(sorted);
    }

    private static boolean isWordChar(int cp) {
        if (Character.isLetter(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    /** The hash of the last {@code w} words, oldest first ({@code words} words seen so far). */
    private static long shingle(long[] window, long words, int w) {
        long h = w;
        for (long k = words - w; k < words; k++) {
            h = mix(h * GOLDEN + window[(int) (k % w)]);
        }
        return h;
    }

    private static long[] distinct(long[] sorted) {
        int n = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[n++] = sorted[i];
            }
        }
        return n == sorted.length ? sorted : Arrays.copyOf(sorted, n);
    }

    /** One seed per MinHash function, from the configured seed. */
    static long[] seeds(int functions, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] seeds = new long[functions];
        for (int i = 0; i < functions; i++) {
            seeds[i] = random.nextLong();
        }
        return seeds;
    }

    /**
     * The MinHash signature: per function i, the least {@code mix(s ^ seeds[i])} over the shingles s. The
     * mixer is a bijection on 64-bit values, so each function orders the shingles by an independent-looking
     * permutation, and two sets agree on a function with probability equal to their Jaccard similarity.
     */
    static long[] signature(long[] shingles, long[] seeds) {
        long[] minima = new long[seeds.length];
        Arrays.fill(minima, Long.MAX_VALUE);
        for (long s : shingles) {
            for (int i = 0; i < seeds.length; i++) {
                long h = mix(s ^ seeds[i]);
                if (h < minima[i]) {
                    minima[i] = h;
                }
            }
        }
        return minima;
    }

    /** The key of band {@code band} ({@code rows} consecutive signature values). */
    static long bandKey(long[] signature, int band, int rows) {
        long key = mix(band + 1L);
        for (int r = 0; r < rows; r++) {
            key = mix(key * GOLDEN + signature[band * rows + r]);
        }
        return key;
    }

    /** Jaccard similarity of two sorted, distinct hash sets (0 when both are empty). */
    static double jaccard(long[] a, long[] b) {
        int i = 0;
        int j = 0;
        int common = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                common++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        int union = a.length + b.length - common;
        return union == 0 ? 0.0 : (double) common / union;
    }

    /** SplitMix64's finalizer: a bijection that spreads every input bit over the output. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
