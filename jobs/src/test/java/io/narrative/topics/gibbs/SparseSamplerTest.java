package io.narrative.topics.gibbs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The bucket decomposition must sample from the exact collapsed conditional, not an approximation of it. */
class SparseSamplerTest {
    static final int V = 3;
    static final int K = 3;
    static final double[] ALPHA = {0.3, 1.2, 0.05};
    static final double BETA = 0.2;
    // Word-major counts, then topic totals: word 0 mostly topic 0, word 1 split over 1 and 2, word 2 unseen.
    static final int[] COUNTS = {8, 1, 0, /* word 1 */ 0, 4, 6, /* word 2 */ 0, 0, 0, /* totals */ 8, 5, 6};

    @Test
    void frozenSweeps_overATwoTokenUnit_visitTheExactJointDistribution() {
        int[] words = {0, 1};
        int[] topics = {0, 0};
        SparseSampler sampler = new SparseSampler(COUNTS, V, K, ALPHA, BETA, true);
        int sweeps = 400_000;
        double[][] seen = pairsVisited(sampler, words, topics, sweeps, 7);
        double[][] exact = new double[K][K];
        double norm = 0;
        for (int a = 0; a < K; a++) {
            for (int b = 0; b < K; b++) {
                // Polya urn over the unit's topics times each token's p(word | topic).
                exact[a][b] = phi(0, a) * phi(1, b) * ALPHA[a] * (ALPHA[b] + (a == b ? 1 : 0));
                norm += exact[a][b];
            }
        }
        assertVisited(exact, norm, seen, sweeps);
    }

    @Test
    void trainingSweeps_overATwoTokenCorpus_visitTheExactCollapsedPosterior() {
        // The only tokens are word 0 and word 1 in one unit, so the counts are the tokens' own: the sampler
        // must count each token out of the word-topic counts while drawing it.
        int[] words = {0, 1};
        int[] topics = {0, 0};
        int[] counts = new int[V * K + K];
        counts[0 * K + 0] = 1;
        counts[1 * K + 0] = 1;
        counts[V * K + 0] = 2;
        SparseSampler sampler = new SparseSampler(counts, V, K, ALPHA, BETA, false);
        int sweeps = 400_000;
        double[][] seen = pairsVisited(sampler, words, topics, sweeps, 9);
        double[][] exact = new double[K][K];
        double norm = 0;
        for (int a = 0; a < K; a++) {
            for (int b = 0; b < K; b++) {
                // p(z) p(w | z): Polya urns over the unit's topics and over each topic's words.
                int same = a == b ? 1 : 0;
                exact[a][b] = ALPHA[a] * (ALPHA[b] + same) * BETA / (V * BETA) * BETA / (V * BETA + same);
                norm += exact[a][b];
            }
        }
        assertVisited(exact, norm, seen, sweeps);
    }

    @Test
    void unseenWord_isDrawnFromTheSmoothingAndUnitBucketsOnly() {
        int[] words = {2};
        int[] starts = {0, 1};
        int[] topics = {1};
        SparseSampler sampler = new SparseSampler(COUNTS, V, K, ALPHA, BETA, true);
        SplittableRandom random = new SplittableRandom(3);
        double[] seen = new double[K];
        int sweeps = 200_000;
        for (int s = 0; s < sweeps; s++) {
            sampler.sweep(starts, words, topics, 0, 1, random, null);
            seen[topics[0]]++;
        }
        double norm = 0;
        double[] exact = new double[K];
        for (int t = 0; t < K; t++) {
            exact[t] = ALPHA[t] * phi(2, t);
            norm += exact[t];
        }
        for (int t = 0; t < K; t++) {
            assertEquals(exact[t] / norm, seen[t] / sweeps, 0.004, "topic " + t);
        }
    }

    @Test
    void sweep_deltaAndTopicsStayConsistent() {
        int[] words = {0, 1, 1, 0, 1};
        int[] starts = {0, 3, 5};
        int[] topics = {0, 1, 2, 0, 2};
        // Counts of exactly these tokens: word 0 -> topic 0 twice; word 1 -> topics 1, 2, 2.
        int[] counts = {2, 0, 0, 0, 1, 2, 0, 0, 0, 2, 1, 2};
        SparseSampler sampler = new SparseSampler(counts, V, K, ALPHA, BETA, false);
        sampler.sweep(starts, words, topics, 0, 2, new SplittableRandom(1), null);
        int[] after = new int[V * K];
        for (int i = 0; i < words.length; i++) {
            after[words[i] * K + topics[i]]++;
        }
        int[] delta = sampler.delta();
        for (int i = 0; i < V * K; i++) {
            after[i] -= counts[i];
        }
        assertArrayEquals(after, delta);
    }

    /** How often each pair of topics was held by a two-token unit over {@code sweeps} sweeps. */
    private static double[][] pairsVisited(SparseSampler sampler, int[] words, int[] topics, int sweeps, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] starts = {0, words.length};
        double[][] seen = new double[K][K];
        for (int s = 0; s < sweeps; s++) {
            sampler.sweep(starts, words, topics, 0, 1, random, null);
            seen[topics[0]][topics[1]]++;
        }
        return seen;
    }

    private static void assertVisited(double[][] exact, double norm, double[][] seen, int sweeps) {
        for (int a = 0; a < K; a++) {
            for (int b = 0; b < K; b++) {
                assertEquals(exact[a][b] / norm, seen[a][b] / sweeps, 0.004, "topics " + a + ", " + b);
            }
        }
    }

    private static double phi(int word, int topic) {
        return (COUNTS[word * K + topic] + BETA) / (COUNTS[V * K + topic] + V * BETA);
    }
}
