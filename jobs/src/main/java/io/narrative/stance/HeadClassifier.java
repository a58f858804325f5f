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
        double max = Double.NEGATIVE_INFINITY;
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
            max = Math.max(max, p[c]);
        }
        double sum = 0;
        for (int c = 0; c < 3; c++) {
            p[c] = Math.exp(p[c] - max);
            sum += p[c];
        }
        for (int c = 0; c < 3; c++) {
            p[c] /= sum;
        }
        return p;
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

    boolean fits(int size) {
        boolean ok = coefficients != null && coefficients.length == 3 && intercepts != null && intercepts.length == 3
                && temperature > 0;
        for (int c = 0; ok && c < 3; c++) {
            ok = coefficients[c] != null && coefficients[c].length == size;
        }
        return ok;
    }
}
