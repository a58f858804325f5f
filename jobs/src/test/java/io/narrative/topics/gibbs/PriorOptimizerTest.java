package io.narrative.topics.gibbs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PriorOptimizerTest {
    @Test
    void digammaSum_matchesTheSumOfReciprocals() {
        // psi(3 + 0.5) - psi(0.5) = 1/0.5 + 1/1.5 + 1/2.5, twice; psi(1 + 0.5) - psi(0.5) = 2, once.
        long[] histogram = {0, 1, 0, 2};
        assertEquals(2.0 + 2 * (2.0 + 1 / 1.5 + 1 / 2.5), PriorOptimizer.digammaSum(histogram, 0.5), 1e-12);
    }

    @Test
    void alpha_fromDocumentsDrawnWithAKnownSkewedPrior_recoversItsShape() {
        // Units of 50 tokens whose topic proportions come from Dirichlet(0.5, 0.1, 0.1, 0.1): the learned
        // prior must put topic 0 well above the others and be near the true values.
        double[] truth = {0.5, 0.1, 0.1, 0.1};
        int length = 50;
        SplittableRandom random = new SplittableRandom(5);
        long[][] topicUnits = new long[truth.length][length + 1];
        long[] unitLengths = new long[length + 1];
        for (int unit = 0; unit < 20000; unit++) {
            double[] theta = dirichlet(truth, random);
            int[] counts = new int[truth.length];
            for (int i = 0; i < length; i++) {
                counts[draw(theta, random)]++;
            }
            for (int t = 0; t < truth.length; t++) {
                topicUnits[t][counts[t]]++;
            }
            unitLengths[length]++;
        }
        double[] alpha = {1, 1, 1, 1};
        for (int round = 0; round < 40; round++) {
            alpha = PriorOptimizer.alpha(alpha, topicUnits, unitLengths);
        }
        for (int t = 0; t < truth.length; t++) {
            assertEquals(truth[t], alpha[t], truth[t] * 0.15, "topic " + t);
        }
    }

    @Test
    void beta_sparseTopics_learnASmallerPriorThanDenseOnes() {
        int v = 100;
        // Sparse: each topic's 1,000 tokens on 5 words; dense: spread over all 100.
        long[] sparse = new long[201];
        sparse[200] = 5 * 4;
        long[] dense = new long[11];
        dense[10] = 100 * 4;
        int[] totals = {1000, 1000, 1000, 1000};
        double fromSparse = PriorOptimizer.beta(0.1, sparse, totals, v);
        double fromDense = PriorOptimizer.beta(0.1, dense, totals, v);
        assertTrue(fromSparse < 0.1 && fromDense > fromSparse, fromSparse + " vs " + fromDense);
    }

    private static double[] dirichlet(double[] alpha, SplittableRandom random) {
        double[] draw = new double[alpha.length];
        double sum = 0;
        for (int i = 0; i < alpha.length; i++) {
            draw[i] = gamma(alpha[i], random);
            sum += draw[i];
        }
        for (int i = 0; i < alpha.length; i++) {
            draw[i] /= sum;
        }
        return draw;
    }

    /** Marsaglia and Tsang, with the boost for shape below 1. */
    private static double gamma(double shape, SplittableRandom random) {
        if (shape < 1) {
            return gamma(shape + 1, random) * Math.pow(random.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = new java.util.Random(random.nextLong()).nextGaussian();
            double v = Math.pow(1 + c * x, 3);
            if (v > 0 && Math.log(random.nextDouble()) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    private static int draw(double[] p, SplittableRandom random) {
        double u = random.nextDouble();
        for (int i = 0; i < p.length - 1; i++) {
            u -= p[i];
            if (u < 0) {
                return i;
            }
        }
        return p.length - 1;
    }
}
