package io.narrative.topics.gibbs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both samplers must draw from the exact collapsed conditional, not an approximation of it: SparseLDA's
 * bucket decomposition, and the dense sampler's lanes and ready reciprocals.
 */
class TopicSamplerTest {
    static final int V = 3;
    static final int K = 3;
    static final double[] ALPHA = {0.3, 1.2, 0.05};
    static final double BETA = 0.2;
    // Word-major counts, then topic totals: word 0 mostly topic 0, word 1 split over 1 and 2, word 2 unseen.
    static final int[] COUNTS = {8, 1, 0, /* word 1 */ 0, 4, 6, /* word 2 */ 0, 0, 0, /* totals */ 8, 5, 6};

    @ParameterizedTest
    @ValueSource(strings = {"sparse", "dense"})
    void frozenSweeps_overATwoTokenUnit_visitTheExactJointDistribution(String kind) {
        int[] words = {0, 1};
        int[] topics = {0, 0};
        TopicSampler sampler = sampler(kind, COUNTS, V, K, ALPHA, BETA, true);
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

    @ParameterizedTest
    @ValueSource(strings = {"sparse", "dense"})
    void trainingSweeps_overATwoTokenCorpus_visitTheExactCollapsedPosterior(String kind) {
        // The only tokens are word 0 and word 1 in one unit, so the counts are the tokens' own: the sampler
        // must count each token out of the word-topic counts while drawing it.
        int[] words = {0, 1};
        int[] topics = {0, 0};
        int[] counts = new int[V * K + K];
        counts[0 * K + 0] = 1;
        counts[1 * K + 0] = 1;
        counts[V * K + 0] = 2;
        TopicSampler sampler = sampler(kind, counts, V, K, ALPHA, BETA, false);
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

    @ParameterizedTest
    @ValueSource(strings = {"sparse", "dense"})
    void trainingSweeps_overTwoUnitsSharingWords_visitEachTokensExactMarginal(String kind) {
        // Five tokens in two units, all counts their own: every count (unit, word and topic totals) moves,
        // and the exact collapsed posterior over the 3^5 assignments is enumerated below.
        int[] words = {0, 1, 2, 1, 2};
        int[] starts = {0, 3, 5};
        int[] topics = {0, 1, 2, 2, 0};
        int[] counts = new int[V * K + K];
        for (int i = 0; i < words.length; i++) {
            counts[words[i] * K + topics[i]]++;
            counts[V * K + topics[i]]++;
        }
        TopicSampler sampler = sampler(kind, counts, V, K, ALPHA, BETA, false);
        SplittableRandom random = new SplittableRandom(21);
        int sweeps = 300_000;
        double[][] seen = new double[words.length][K];
        for (int s = 0; s < sweeps; s++) {
            sampler.sweep(starts, words, topics, 0, 2, random, null);
            for (int i = 0; i < words.length; i++) {
                seen[i][topics[i]]++;
            }
        }
        double[][] exact = new double[words.length][K];
        double norm = 0;
        int[] z = new int[words.length];
        for (int state = 0; state < Math.pow(K, words.length); state++) {
            for (int i = 0, rest = state; i < words.length; i++, rest /= K) {
                z[i] = rest % K;
            }
            double p = joint(words, starts, z);
            norm += p;
            for (int i = 0; i < words.length; i++) {
                exact[i][z[i]] += p;
            }
        }
        for (int i = 0; i < words.length; i++) {
            for (int t = 0; t < K; t++) {
                assertEquals(exact[i][t] / norm, seen[i][t] / sweeps, 0.004, "token " + i + ", topic " + t);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sparse", "dense"})
    void trainingDraw_atTwentyTopics_followsTheCollapsedConditional(String kind) {
        // Twenty topics spread the dense sampler's slots over its four lanes (and the sparse one's lists
        // over many counts), which the three-topic tests above do not.
        int k = 20;
        int v = 3;
        SplittableRandom setup = new SplittableRandom(4);
        double[] alpha = new double[k];
        int[] counts = new int[v * k + k];
        for (int t = 0; t < k; t++) {
            alpha[t] = 0.05 + setup.nextDouble();
            for (int w = 0; w < v; w++) {
                int n = setup.nextInt(3) == 0 ? 0 : setup.nextInt(40);
                counts[w * k + t] = n;
                counts[v * k + t] += n;
            }
        }
        int word = 1;
        int old = 7;
        counts[word * k + old] += 1;
        counts[v * k + old] += 1;
        int[] starts = {0, 1};
        SplittableRandom random = new SplittableRandom(8);
        int draws = 200_000;
        double[] seen = new double[k];
        for (int d = 0; d < draws; d++) {
            int[] topics = {old};
            sampler(kind, counts, v, k, alpha, BETA, false).sweep(starts, new int[] {word}, topics, 0, 1, random,
                    null);
            seen[topics[0]]++;
        }
        double[] exact = new double[k];
        double norm = 0;
        for (int t = 0; t < k; t++) {
            int own = t == old ? 1 : 0;
            exact[t] = alpha[t] * (BETA + counts[word * k + t] - own) / (v * BETA + counts[v * k + t] - own);
            norm += exact[t];
        }
        for (int t = 0; t < k; t++) {
            assertEquals(exact[t] / norm, seen[t] / draws, 0.004, "topic " + t);
        }
    }

    /** The collapsed joint p(z, w) up to a constant: Polya urns over each unit's topics and each topic's words. */
    private static double joint(int[] words, int[] starts, int[] z) {
        double p = 1;
        int[] topicTotals = new int[K];
        int[] wordTopics = new int[V * K];
        for (int u = 0; u + 1 < starts.length; u++) {
            int[] unit = new int[K];
            for (int i = starts[u]; i < starts[u + 1]; i++) {
                p *= ALPHA[z[i]] + unit[z[i]]++;
            }
        }
        for (int i = 0; i < words.length; i++) {
            p *= (BETA + wordTopics[words[i] * K + z[i]]++) / (V * BETA + topicTotals[z[i]]++);
        }
        return p;
    }

    @ParameterizedTest
    @ValueSource(strings = {"sparse", "dense"})
    void unseenWord_aloneInItsUnit_isDrawnByPriorTimesSmoothedWordProbability(String kind) {
        int[] words = {2};
        int[] starts = {0, 1};
        int[] topics = {1};
        TopicSampler sampler = sampler(kind, COUNTS, V, K, ALPHA, BETA, true);
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

    @ParameterizedTest
    @ValueSource(strings = {"sparse", "dense"})
    void sweep_deltaAndTopicsStayConsistent(String kind) {
        int[] words = {0, 1, 1, 0, 1};
        int[] starts = {0, 3, 5};
        int[] topics = {0, 1, 2, 0, 2};
        // Counts of exactly these tokens: word 0 -> topic 0 twice; word 1 -> topics 1, 2, 2.
        int[] counts = {2, 0, 0, 0, 1, 2, 0, 0, 0, 2, 1, 2};
        TopicSampler sampler = sampler(kind, counts, V, K, ALPHA, BETA, false);
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

    private static TopicSampler sampler(String kind, int[] counts, int v, int k, double[] alpha, double beta,
            boolean frozen) {
        return kind.equals("sparse") ? new SparseSampler(counts, v, k, alpha, beta, frozen)
                : new DenseSampler(counts, v, k, alpha, beta, frozen);
    }

    /** How often each pair of topics was held by a two-token unit over {@code sweeps} sweeps. */
    private static double[][] pairsVisited(TopicSampler sampler, int[] words, int[] topics, int sweeps, long seed) {
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
