package io.narrative.topics.gibbs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LaneDrawTest {
    @Test
    void best_isTheVectorDraw_whenTheJvmHasTheVectorModule() {
        // the build's JVMs all have it: falling back would not fail anything, only slow the sampler down
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
        assertEquals("VectorLaneDraw", LaneDraw.best().getClass().getSimpleName());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 4, 20, 37})
    void slots_ofAllTopics_areDistinctAndWithinTheWholeLanes(int k) {
        int run = LaneDraw.run(k);
        Set<Integer> seen = new HashSet<>();
        for (int t = 0; t < k; t++) {
            int slot = LaneDraw.slot(t, run);
            assertTrue(slot >= 0 && slot < run * LaneDraw.LANES, "slot " + slot + " of topic " + t);
            assertTrue(seen.add(slot), "slot " + slot + " twice");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 20, 37})
    void vectorDraws_equalScalarDraws_bitForBit(int k) {
        Scores scores = new Scores(k, 11);
        SplittableRandom scalarRandom = new SplittableRandom(5);
        SplittableRandom vectorRandom = new SplittableRandom(5);
        LaneDraw scalar = new ScalarLaneDraw();
        LaneDraw vector = new VectorLaneDraw();
        double[] prefixes = new double[scores.stride];
        for (int i = 0; i < 50_000; i++) {
            int base = (i % scores.words) * scores.stride;
            int expected = scalar.draw(scores.coefficient, scores.counts, base, 0.01, scores.run, k, prefixes,
                    scalarRandom);
            int actual = vector.draw(scores.coefficient, scores.counts, base, 0.01, scores.run, k, prefixes,
                    vectorRandom);
            assertEquals(expected, actual, "draw " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 20, 37})
    void setAndAdd_changeOnlyTheirElement_asThePlainAssignmentsDo(int k) {
        Scores plain = new Scores(k, 19);
        Scores grouped = new Scores(k, 19);
        LaneDraw vector = new VectorLaneDraw();
        SplittableRandom random = new SplittableRandom(23);
        double[] prefixes = new double[plain.stride];
        for (int i = 0; i < 20_000; i++) {
            int slot = LaneDraw.slot(random.nextInt(k), plain.run);
            int index = random.nextInt(plain.words) * plain.stride + slot;
            int delta = random.nextInt(5) - 2;
            double value = random.nextDouble();
            plain.coefficient[slot] = value;
            plain.counts[index] += delta;
            vector.set(grouped.coefficient, slot, value);
            vector.add(grouped.counts, index, delta);
            // a draw between the changes reads the groups just stored, as the sampler's next token does
            vector.draw(grouped.coefficient, grouped.counts, index - slot, 0.01, plain.run, k, prefixes,
                    new SplittableRandom(i));
        }
        assertArrayEquals(plain.coefficient, grouped.coefficient);
        assertArrayEquals(plain.counts, grouped.counts);
        ScalarLaneDraw scalar = new ScalarLaneDraw();
        scalar.set(plain.coefficient, 1, 0.5);
        scalar.add(plain.counts, plain.stride + 2, 7);
        assertEquals(0.5, plain.coefficient[1]);
        assertEquals(grouped.counts[plain.stride + 2] + 7, plain.counts[plain.stride + 2]);
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 20, 37})
    void draws_followTheScores(int k) {
        Scores scores = new Scores(k, 13);
        double beta = 0.01;
        double[] expected = new double[k];
        double total = 0;
        for (int t = 0; t < k; t++) {
            int slot = LaneDraw.slot(t, scores.run);
            expected[t] = scores.coefficient[slot] * (beta + scores.counts[slot]);
            total += expected[t];
        }
        LaneDraw draw = LaneDraw.best();
        SplittableRandom random = new SplittableRandom(17);
        double[] prefixes = new double[scores.stride];
        int n = 400_000;
        double[] seen = new double[k];
        for (int i = 0; i < n; i++) {
            seen[draw.draw(scores.coefficient, scores.counts, 0, beta, scores.run, k, prefixes, random)]++;
        }
        for (int t = 0; t < k; t++) {
            assertEquals(expected[t] / total, seen[t] / n, 0.003, "topic " + t);
        }
    }

    /** Random slot-wise coefficients and word-topic counts (zero in the padding, as the sampler keeps them). */
    private static final class Scores {
        final int run;
        final int stride;
        final int words = 7;
        final double[] coefficient;
        final int[] counts;

        Scores(int k, long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            run = LaneDraw.run(k);
            stride = run * LaneDraw.LANES;
            coefficient = new double[stride];
            counts = new int[words * stride];
            for (int t = 0; t < k; t++) {
                int slot = LaneDraw.slot(t, run);
                coefficient[slot] = random.nextDouble() * 1e-3;
                for (int w = 0; w < words; w++) {
                    counts[w * stride + slot] = random.nextInt(4) == 0 ? 0 : random.nextInt(200);
                }
            }
        }
    }
}
