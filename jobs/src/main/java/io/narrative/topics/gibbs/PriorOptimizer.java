package io.narrative.topics.gibbs;

/**
 * Learns the Dirichlet priors from the sampler's counts by Minka's fixed-point iteration ("Estimating a
 * Dirichlet distribution", 2000), in the histogram form that makes it cheap (Wallach, Mimno and McCallum,
 * "Rethinking LDA: Why Priors Matter", NIPS 2009): an asymmetric document-topic prior alpha and a
 * symmetric topic-word prior beta. The digamma differences are sums of reciprocals,
 * {@code psi(n + a) - psi(a) = sum_{i < n} 1 / (a + i)}, accumulated along each histogram.
 */
final class PriorOptimizer {
    /** Fixed-point steps per update; each starts from the last value, so a few suffice. */
    static final int STEPS = 5;
    /** Priors are kept above this so that a topic that empties can come back. */
    static final double FLOOR = 1e-6;

    private PriorOptimizer() {
    }

    /**
     * The new alpha.
     *
     * @param topicUnits per topic t, {@code topicUnits[t][n]} units with n tokens in t (n >= 1)
     * @param unitLengths {@code unitLengths[n]} units of n tokens
     */
    static double[] alpha(double[] alpha, long[][] topicUnits, long[] unitLengths) {
        double[] next = alpha.clone();
        for (int step = 0; step < STEPS; step++) {
            double sum = 0;
            for (double a : next) {
                sum += a;
            }
            double denominator = digammaSum(unitLengths, sum);
            if (denominator <= 0) {
                return next;
            }
            double[] updated = new double[next.length];
            for (int t = 0; t < next.length; t++) {
                updated[t] = Math.max(FLOOR, next[t] * digammaSum(topicUnits[t], next[t]) / denominator);
            }
            next = updated;
        }
        return next;
    }

    /**
     * The new beta.
     *
     * @param wordTopicCounts {@code wordTopicCounts[n]}: (word, topic) pairs with count n (n >= 1)
     * @param topicTotals tokens per topic
     */
    static double beta(double beta, long[] wordTopicCounts, int[] topicTotals, int vocabulary) {
        long[] totals = histogram(topicTotals);
        double next = beta;
        for (int step = 0; step < STEPS; step++) {
            double numerator = digammaSum(wordTopicCounts, next);
            double denominator = vocabulary * digammaSum(totals, vocabulary * next);
            if (denominator <= 0) {
                return next;
            }
            next = Math.max(FLOOR, next * numerator / denominator);
        }
        return next;
    }

    /** sum over n of histogram[n] (psi(n + a) - psi(a)). */
    static double digammaSum(long[] histogram, double a) {
        double sum = 0;
        double difference = 0;
        for (int n = 1; n < histogram.length; n++) {
            difference += 1.0 / (a + n - 1);
            sum += histogram[n] * difference;
        }
        return sum;
    }

    private static long[] histogram(int[] values) {
        int max = 0;
        for (int v : values) {
            max = Math.max(max, v);
        }
        long[] histogram = new long[max + 1];
        for (int v : values) {
            histogram[v]++;
        }
        return histogram;
    }
}
