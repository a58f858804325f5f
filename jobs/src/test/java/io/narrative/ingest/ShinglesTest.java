package io.narrative.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ShinglesTest {
    /** {@code n} distinct made-up words, so that every shingle of the text is distinct too. */
    private static List<String> words(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> words = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            words.add("w" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36));
        }
        return words;
    }

    @Test
    void of_fewerWordsThanAShingle_isEmpty() {
        assertEquals(0, Shingles.of("Ankara and Moscow talk", 5).length);
        assertEquals(0, Shingles.of("", 5).length);
        assertEquals(0, Shingles.of(null, 5).length);
    }

    @Test
    void of_countsOneShinglePerWindowOfWords_sortedAndDistinct() {
        long[] shingles = Shingles.of(String.join(" ", words(30, 1)), 5);
        assertEquals(26, shingles.length);
        for (int i = 1; i < shingles.length; i++) {
            assertTrue(shingles[i - 1] < shingles[i]);
        }
        assertEquals(2, Shingles.of("a b a b a b a b a", 5).length, "two distinct windows, ababa and babab, repeated");
    }

    @Test
    void of_ignoresCasePunctuationAndSpacing_butNotWordOrder() {
        String text = "Russia and Turkey discussed the Syrian border on Monday, officials said.";
        assertArrayEquals(Shingles.of(text, 5), Shingles.of("  RUSSIA and turkey -- discussed the SYRIAN\n\nborder on"
                + " monday officials said", 5));
        assertFalse(java.util.Arrays.equals(Shingles.of(text, 5), Shingles.of("and Russia Turkey discussed the Syrian"
                + " border on Monday, officials said.", 5)));
    }

    @Test
    void of_lettersAndDigitsOfAnyScript_makeWords() {
        assertEquals(3, Shingles.of("قال وزير الخارجية الروسي إن 2024 موسكو", 5).length, "seven words");
        assertEquals(1, Shingles.of("Россия готова работать с США", 5).length);
        assertArrayEquals(Shingles.of("Россия готова работать с США", 5), Shingles.of("РОССИЯ ГОТОВА РАБОТАТЬ С США", 5));
    }

    @Test
    void jaccard_oneWordChangedInTheMiddle_changesExactlyTheWindowsThatHoldIt() {
        List<String> words = words(100, 2);
        List<String> changed = new ArrayList<>(words);
        changed.set(50, "replaced");
        long[] a = Shingles.of(String.join(" ", words), 5);
        long[] b = Shingles.of(String.join(" ", changed), 5);
        // 96 shingles each; the 5 that contain word 50 differ: J = 91 / (96 + 5).
        assertEquals(91.0 / 101.0, Shingles.jaccard(a, b), 1e-12);
        assertEquals(1.0, Shingles.jaccard(a, a));
        assertEquals(0.0, Shingles.jaccard(new long[0], new long[0]));
        assertEquals(2.0 / 5.0, Shingles.jaccard(new long[] {-1, 2, 3}, new long[] {2, 3, 4, 9}), 1e-12);
    }

    @Test
    void signature_agreementRateEstimatesJaccard() {
        List<String> words = words(400, 3);
        List<String> half = new ArrayList<>(words.subList(0, 200));
        half.addAll(words(200, 4));
        long[] a = Shingles.of(String.join(" ", words), 5);
        long[] b = Shingles.of(String.join(" ", half), 5);
        double jaccard = Shingles.jaccard(a, b);
        long[] seeds = Shingles.seeds(4000, 7);
        long[] sa = Shingles.signature(a, seeds);
        long[] sb = Shingles.signature(b, seeds);
        int agree = 0;
        for (int i = 0; i < seeds.length; i++) {
            agree += sa[i] == sb[i] ? 1 : 0;
        }
        // Standard error of the estimate: sqrt(J(1-J)/4000) ~ 0.007.
        assertEquals(jaccard, agree / 4000.0, 0.03, "J = " + jaccard);
        assertTrue(jaccard > 0.2 && jaccard < 0.4, "J = " + jaccard);
    }

    @Test
    void bandKey_equalForEqualBands_differentAcrossBands() {
        long[] seeds = Shingles.seeds(32, 7);
        List<String> words = words(60, 5);
        long[] s1 = Shingles.signature(Shingles.of(String.join(" ", words), 5), seeds);
        long[] s2 = Shingles.signature(Shingles.of(String.join(" ", words), 5), seeds);
        assertEquals(Shingles.bandKey(s1, 3, 4), Shingles.bandKey(s2, 3, 4));
        long[] same = new long[32];
        assertNotEquals(Shingles.bandKey(same, 0, 4), Shingles.bandKey(same, 1, 4));
        assertArrayEquals(Shingles.seeds(32, 7), seeds, "seeds follow the configured seed");
    }
}
