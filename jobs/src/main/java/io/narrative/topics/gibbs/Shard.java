package io.narrative.topics.gibbs;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * One partition's documents for the sampler: the tokens of all its units in one array, their topic
 * assignments in another, and where each unit starts. Immutable by convention: a sweep returns a new
 * shard, so that a cached RDD of shards can be recomputed from its parent after a failure.
 */
final class Shard implements Serializable {
    private static final long serialVersionUID = 1L;

    final String[] unitIds;
    final String[] docIds;
    /** Terms per unit before the vocabulary filter (the weight of a unit within its document). */
    final int[] unitTerms;
    /** Unit u's tokens are {@code words[starts[u]] .. words[starts[u + 1] - 1]}. */
    final int[] starts;
    final int[] words;
    final int[] topics;
    /** After a sweep: the change of the word-topic counts, word-major (k per word); null otherwise. */
    final int[] delta;
    /** After an optimizing sweep: per topic, units by their count in it; null otherwise. */
    final long[][] topicUnitHistogram;

    Shard(String[] unitIds, String[] docIds, int[] unitTerms, int[] starts, int[] words, int[] topics, int[] delta,
            long[][] topicUnitHistogram) {
        this.unitIds = unitIds;
        this.docIds = docIds;
        this.unitTerms = unitTerms;
        this.starts = starts;
        this.words = words;
        this.topics = topics;
        this.delta = delta;
        this.topicUnitHistogram = topicUnitHistogram;
    }

    /** A shard with uniformly random initial topics drawn from {@code random}. */
    static Shard withRandomTopics(String[] unitIds, String[] docIds, int[] unitTerms, int[] starts, int[] words, int k,
            SplittableRandom random) {
        int[] topics = new int[words.length];
        for (int i = 0; i < topics.length; i++) {
            topics[i] = random.nextInt(k);
        }
        return new Shard(unitIds, docIds, unitTerms, starts, words, topics, null, null);
    }

    int units() {
        return starts.length - 1;
    }

    int tokens() {
        return words.length;
    }

    /** Longest unit in tokens. */
    int longestUnit() {
        int longest = 0;
        for (int u = 0; u < units(); u++) {
            longest = Math.max(longest, starts[u + 1] - starts[u]);
        }
        return longest;
    }

    /** Adds this shard's word-topic counts to {@code counts} (word-major, k per word, then k topic totals). */
    void addCounts(int[] counts, int vocabulary, int k) {
        int totals = vocabulary * k;
        for (int i = 0; i < words.length; i++) {
            counts[words[i] * k + topics[i]]++;
            counts[totals + topics[i]]++;
        }
    }

    /** Topic weights of unit {@code u}: (n_ut + alpha_t) / (n_u + sum alpha). */
    double[] unitWeights(int u, double[] alpha) {
        double[] weights = new double[alpha.length];
        double alphaSum = 0;
        for (double a : alpha) {
            alphaSum += a;
        }
        for (int i = starts[u]; i < starts[u + 1]; i++) {
            weights[topics[i]]++;
        }
        double norm = starts[u + 1] - starts[u] + alphaSum;
        for (int t = 0; t < weights.length; t++) {
            weights[t] = (weights[t] + alpha[t]) / norm;
        }
        return weights;
    }

    String unitId(int u) {
        return unitIds[u];
    }

    String docId(int u) {
        return docIds[u];
    }

    int unitTerms(int u) {
        return unitTerms[u];
    }
}
