package io.narrative.stance;

import java.io.Serializable;
import lombok.Data;
import lombok.NoArgsConstructor;

/**
 * One multinomial logistic regression of a {@link StanceHead}: rows against, neutral, favor over the
 * encoder features then the rule features, and the temperature that calibrates its probabilities.
 */
@Data
@NoArgsConstructor
public class HeadClassifier implements Serializable {
    private double[][] coefficients;
    private double[] intercepts;
    private double temperature = 1.0;

    HeadClassifier(double[][] coefficients, double[] intercepts) {
        this.coefficients = coefficients;
        this.intercepts = intercepts;
    }

    double[] probabilities(float[] encoded, double[] rules) {
        double[] p = new double[3];
        for (int c = 0; c < 3; c++) {
            double[] w = coefficients[c];
            double z = intercepts[c];
            for (int i = 0; i < encoded.length; i++) {
                z += w[i] * encoded[i];
            }
            for (int i = 0; i < rules.length; i++) {
                z += w[encoded.length + i] * rules[i];
            }
            p[c] = z / temperature;
        }
        return softmax(p);
    }

    /** The softmax of the scores {@code z}, in place (the largest subtracted first, so exp cannot overflow). */
    static double[] softmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int c = 0; c < z.length; c++) {
            z[c] = Math.exp(z[c] - max);
            sum += z[c];
        }
        for (int c = 0; c < z.length; c++) {
            z[c] /= sum;
        }
        return z;
    }

    /** The index of the likeliest class (against 0, neutral 1, favor 2; ties to the lower index). */
    static int argmax(double[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return best;
    }

    /** Macro-F1 over the three classes of a confusion matrix (rows gold, columns predicted). */
    static double macroF1(int[][] confusion) {
        double sum = 0;
        for (int c = 0; c < 3; c++) {
            int tp = confusion[c][c];
            int predicted = confusion[0][c] + confusion[1][c] + confusion[2][c];
            int actual = confusion[c][0] + confusion[c][1] + confusion[c][2];
            double precision = predicted == 0 ? 0 : tp / (double) predicted;
            double recall = actual == 0 ? 0 : tp / (double) actual;
            sum += precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }
        return sum / 3;
    }

    boolean fits(int size) {
        boolean ok = coefficients != null && coefficients.length == 3 && intercepts != null && intercepts.length == 3
                && temperature > 0;
        for (int c = 0; ok && c < 3; c++) {
            ok = coefficients[c] != null && coefficients[c].length == size;
        }
        return ok;
    }
}
