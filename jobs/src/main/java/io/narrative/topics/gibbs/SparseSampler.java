package io.narrative.topics.gibbs;

import java.util.SplittableRandom;

/**
 * Collapsed Gibbs sampling for LDA with SparseLDA's bucket decomposition (Yao, Mimno and McCallum, KDD
 * 2009). A token's topic is drawn from
 *
 * <pre>
 *   p(t) ∝ (alpha_t + n_dt)(beta + n_wt) / (V beta + n_t)
 *        = alpha_t beta / (V beta + n_t)            smoothing bucket: all topics, rarely reached
 *        + n_dt beta / (V beta + n_t)               document bucket: the unit's topics
 *        + (alpha_t + n_dt) n_wt / (V beta + n_t)   topic-word bucket: the word's topics
 * </pre>
 *
 * so the work per token follows the number of topics of its word and unit, not k. Each bucket's mass is
 * kept up to date as counts change; only the topic-word bucket is computed per token.
 *
 * <p>One instance sweeps one shard against its own copy of the global counts (Newman et al.'s
 * approximate distributed LDA); with {@code frozen} the word-topic counts are fixed and only the units'
 * topics move (fold-in of new documents into a saved model).
 */
final class SparseSampler implements TopicSampler {
    private final int k;
    private final double[] alpha;
    private final double beta;
    private final double betaSum;
    private final boolean frozen;
    private final WordTopicCounts wordTopics;
    private final int[] topicTotals;
    /** Per topic: 1 / (V beta + n_t). */
    private final double[] inverseTotal;
    /** Per topic: (alpha_t + n_dt) / (V beta + n_t) for the current unit. */
    private final double[] coefficient;
    private final int[] unitCounts;
    private final int[] unitTopics;
    private int unitTopicCount;
    private final double[] scores;
    private double smoothingMass;
    private double unitMass;

    /**
     * @param counts dense global counts: word-major, k per word, then the k topic totals (not changed)
     */
    SparseSampler(int[] counts, int vocabulary, int k, double[] alpha, double beta, boolean frozen) {
        this.k = k;
        this.alpha = alpha.clone();
        this.beta = beta;
        this.betaSum = beta * vocabulary;
        this.frozen = frozen;
        this.wordTopics = new WordTopicCounts(counts, vocabulary, k, !frozen);
        this.topicTotals = new int[k];
        System.arraycopy(counts, vocabulary * k, topicTotals, 0, k);
        this.coefficient = new double[k];
        this.inverseTotal = new double[k];
        this.unitCounts = new int[k];
        this.unitTopics = new int[k];
        this.scores = new double[k];
        for (int t = 0; t < k; t++) {
            inverseTotal[t] = 1.0 / (betaSum + topicTotals[t]);
            smoothingMass += this.alpha[t] * beta * inverseTotal[t];
            coefficient[t] = this.alpha[t] * inverseTotal[t];
        }
    }

    @Override
    public int[] delta() {
        return wordTopics.delta();
    }

    @Override
    public void sweep(int[] starts, int[] words, int[] topics, int from, int to, SplittableRandom random,
            long[][] histogram) {
        for (int u = from; u < to; u++) {
            int start = starts[u];
            int end = starts[u + 1];
            beginUnit(topics, start, end);
            for (int i = start; i < end; i++) {
                int word = words[i];
                int old = topics[i];
                remove(old);
                int topic = draw(word, old, random);
                add(topic);
                // The word's sorted counts change only when the topic does (most draws keep it, once the
                // sampler has settled): draw() saw the old topic's count less this token.
                if (!frozen && topic != old) {
                    wordTopics.decrement(word, old);
                    wordTopics.increment(word, topic);
                }
                topics[i] = topic;
            }
            if (histogram != null) {
                for (int j = 0; j < unitTopicCount; j++) {
                    histogram[unitTopics[j]][unitCounts[unitTopics[j]]]++;
                }
            }
            endUnit();
        }
    }

    private void beginUnit(int[] topics, int start, int end) {
        unitTopicCount = 0;
        for (int i = start; i < end; i++) {
            if (unitCounts[topics[i]]++ == 0) {
                unitTopics[unitTopicCount++] = topics[i];
            }
        }
        unitMass = 0;
        for (int j = 0; j < unitTopicCount; j++) {
            int t = unitTopics[j];
            unitMass += beta * unitCounts[t] * inverseTotal[t];
            coefficient[t] = (alpha[t] + unitCounts[t]) * inverseTotal[t];
        }
    }

    private void endUnit() {
        for (int j = 0; j < unitTopicCount; j++) {
            int t = unitTopics[j];
            coefficient[t] = alpha[t] * inverseTotal[t];
            unitCounts[t] = 0;
        }
        unitTopicCount = 0;
    }

    private void remove(int topic) {
        change(topic, -1);
        if (unitCounts[topic] == 0) {
            for (int j = 0; j < unitTopicCount; j++) {
                if (unitTopics[j] == topic) {
                    unitTopics[j] = unitTopics[--unitTopicCount];
                    break;
                }
            }
        }
    }

    private void add(int topic) {
        if (unitCounts[topic] == 0) {
            unitTopics[unitTopicCount++] = topic;
        }
        change(topic, +1);
    }

    /** Moves one token in or out of {@code topic} in the unit and topic totals, keeping the bucket masses current. */
    private void change(int topic, int by) {
        double inverse = inverseTotal[topic];
        smoothingMass -= alpha[topic] * beta * inverse;
        unitMass -= beta * unitCounts[topic] * inverse;
        unitCounts[topic] += by;
        if (!frozen) {
            topicTotals[topic] += by;
            inverse = 1.0 / (betaSum + topicTotals[topic]);
            inverseTotal[topic] = inverse;
        }
        smoothingMass += alpha[topic] * beta * inverse;
        unitMass += beta * unitCounts[topic] * inverse;
        coefficient[topic] = (alpha[topic] + unitCounts[topic]) * inverse;
    }

    /** A topic for a token of {@code word} whose previous topic {@code old} is counted out of the unit already. */
    private int draw(int word, int old, SplittableRandom random) {
        int nonZero = wordTopics.nonZero(word);
        // Trained counts still hold this token under its old topic; frozen counts never held it.
        int self = frozen ? -1 : old;
        double wordMass = 0;
        for (int j = 0; j < nonZero; j++) {
            int t = wordTopics.topicAt(word, j);
            int count = wordTopics.countAt(word, j) - (t == self ? 1 : 0);
            double score = coefficient[t] * count;
            scores[j] = score;
            wordMass += score;
        }
        double u = random.nextDouble() * (smoothingMass + unitMass + wordMass);
        if (u < wordMass) {
            int j = 0;
            while (j < nonZero - 1) {
                u -= scores[j];
                if (u <= 0) {
                    break;
                }
                j++;
            }
            return wordTopics.topicAt(word, j);
        }
        u -= wordMass;
        if (u < unitMass) {
            u /= beta;
            int last = unitTopics[unitTopicCount - 1];
            for (int j = 0; j < unitTopicCount; j++) {
                int t = unitTopics[j];
                u -= unitCounts[t] * inverseTotal[t];
                if (u <= 0) {
                    return t;
                }
            }
            return last;
        }
        u = (u - unitMass) / beta;
        for (int t = 0; t < k; t++) {
            u -= alpha[t] * inverseTotal[t];
            if (u <= 0) {
                return t;
            }
        }
        return k - 1;
    }
}
