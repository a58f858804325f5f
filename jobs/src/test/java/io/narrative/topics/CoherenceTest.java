package io.narrative.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoherenceTest {
    @Test
    void npmi_wordsThatAlwaysCoOccur_isOne() {
        assertEquals(1.0, Coherence.npmi(10, 10, 10, 100), 1e-9);
    }

    @Test
    void npmi_independentWords_isZero() {
        // P(a) = P(b) = 0.5, P(a,b) = 0.25
        assertEquals(0.0, Coherence.npmi(50, 50, 25, 100), 1e-9);
    }

    @Test
    void npmi_wordsThatNeverCoOccur_isMinusOne() {
        assertEquals(-1.0, Coherence.npmi(10, 10, 0, 100), 1e-9);
    }

    @Test
    void npmi_topic_isMeanOverItsPairs() {
        Coherence.Counts counts = new Coherence.Counts(100, Map.of("a", 10L, "b", 10L, "c", 10L,
                "a\u0001b", 10L));
        // pairs: (a,b) = 1, (a,c) = -1, (b,c) = -1
        assertEquals(-1.0 / 3, Coherence.npmi(List.of("a", "b", "c"), counts), 1e-9);
    }

    @Test
    void diversity_sharedWords_lowerIt() {
        assertEquals(1.0, Coherence.diversity(List.of(List.of("a", "b"), List.of("c", "d"))), 1e-9);
        assertEquals(0.75, Coherence.diversity(List.of(List.of("a", "b"), List.of("a", "d"))), 1e-9);
    }
}
