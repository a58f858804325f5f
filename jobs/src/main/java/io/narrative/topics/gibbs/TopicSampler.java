package io.narrative.topics.gibbs;

import java.util.SplittableRandom;

/**
 * Resamples the topics of a shard's tokens against one copy of the global word-topic counts (collapsed
 * Gibbs sampling for LDA). An instance serves one shard for one sweep, or many sweeps of fold-in.
 */
interface TopicSampler {
    /**
     * Above this many topics {@link SparseSampler}, at or below it {@link DenseSampler}. One thread,
     * ns per token ({@code bench/run sampler}, docs/benchmarks.md), dense against sparse: SaudiNewsNet's
     * Arabic 48.5/67.5 at k = 20, 65.5/85.0 at 50, 84.2/100.9 at 100; Reuters' English 50.0/56.4,
     * 64.8/70.2, 82.4/78.6. Sparse lists pay off once a word holds few of many topics.
     */
    int DENSE_MAX_TOPICS = 64;

    /**
     * A sampler for one shard's sweep (or a fold-in) against {@code counts}: dense word-major word-topic
     * counts, k per word, then the k topic totals; not changed.
     */
    static TopicSampler of(int[] counts, int vocabulary, int k, double[] alpha, double beta, boolean frozen) {
        return k <= DENSE_MAX_TOPICS ? new DenseSampler(counts, vocabulary, k, alpha, beta, frozen)
                : new SparseSampler(counts, vocabulary, k, alpha, beta, frozen);
    }

    /**
     * Resamples every token of units {@code [from, to)}: {@code topics} is updated in place.
     *
     * @param histogram when not null, per topic, units counted by their tokens in it after the sweep
     */
    void sweep(int[] starts, int[] words, int[] topics, int from, int to, SplittableRandom random,
            long[][] histogram);

    /** The word-topic count changes of all sweeps so far (dense, word-major); null when frozen. */
    int[] delta();
}
