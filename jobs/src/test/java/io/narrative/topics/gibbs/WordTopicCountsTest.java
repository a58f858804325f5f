package io.narrative.topics.gibbs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WordTopicCountsTest {
    @Test
    void randomChanges_keepDescendingOrderAndMatchDenseCounts() {
        int v = 7;
        int k = 5;
        int[] dense = new int[v * k];
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < dense.length; i++) {
            dense[i] = random.nextInt(3) == 0 ? random.nextInt(6) : 0;
        }
        int[] start = dense.clone();
        WordTopicCounts counts = new WordTopicCounts(dense, v, k, true);
        for (int step = 0; step < 5000; step++) {
            int w = random.nextInt(v);
            int t = random.nextInt(k);
            if (random.nextBoolean() && dense[w * k + t] > 0) {
                counts.decrement(w, t);
                dense[w * k + t]--;
            } else {
                counts.increment(w, t);
                dense[w * k + t]++;
            }
        }
        int[] expectedDelta = new int[v * k];
        for (int w = 0; w < v; w++) {
            int[] seen = new int[k];
            int nonZero = 0;
            int previous = Integer.MAX_VALUE;
            for (int slot = 0; slot < counts.nonZero(w); slot++) {
                int count = counts.countAt(w, slot);
                assertEquals(true, count > 0 && count <= previous, "word " + w + " slot " + slot);
                previous = count;
                seen[counts.topicAt(w, slot)] = count;
                nonZero++;
            }
            for (int t = 0; t < k; t++) {
                assertEquals(dense[w * k + t], seen[t], "word " + w + " topic " + t);
                expectedDelta[w * k + t] = dense[w * k + t] - start[w * k + t];
                nonZero -= dense[w * k + t] > 0 ? 1 : 0;
            }
            assertEquals(0, nonZero);
        }
        assertArrayEquals(expectedDelta, counts.delta());
    }

    @Test
    void decrement_topicWithoutTokens_isAnError() {
        WordTopicCounts counts = new WordTopicCounts(new int[] {2, 0}, 1, 2, false);
        assertThrows(IllegalStateException.class, () -> counts.decrement(0, 1));
        assertEquals(null, counts.delta());
    }
}
