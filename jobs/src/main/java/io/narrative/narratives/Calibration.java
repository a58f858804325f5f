package io.narrative.narratives;

import java.util.List;

/**
 * One logistic curve p = 1 / (1 + exp(-(a z + b))) from standardised similarities to probabilities,
 * fitted by Newton's method on (z, is an example) pairs, with a small ridge so that perfectly separated
 * pairs still give a finite slope.
 */
final class Calibration {
    private static final double RIDGE = 1e-3;

    record Pair(double z, boolean positive) {
    }

    private Calibration() {
    }

    /** {a, b}; a flat curve (0, prior log-odds) when the pairs hold one class only. */
    static double[] fit(List<Pair> pairs) {
        long positives = pairs.stream().filter(Pair::positive).count();
        if (positives == 0 || positives == pairs.size()) {
            double prior = (positives + 0.5) / (pairs.size() + 1.0);
            return new double[] {0, Math.log(prior / (1 - prior))};
        }
        double a = 1;
        double b = 0;
        for (int iteration = 0; iteration < 50; iteration++) {
            double ga = -RIDGE * a;
            double gb = 0;
            double haa = -RIDGE;
            double hab = 0;
            double hbb = 0;
            for (Pair pair : pairs) {
                double p = 1.0 / (1.0 + Math.exp(-(a * pair.z() + b)));
                double y = pair.positive() ? 1 : 0;
                double w = p * (1 - p);
                ga += (y - p) * pair.z();
                gb += y - p;
                haa -= w * pair.z() * pair.z();
                hab -= w * pair.z();
                hbb -= w;
            }
            double det = haa * hbb - hab * hab;
            if (Math.abs(det) < 1e-12) {
                break;
            }
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            a -= da;
            b -= db;
            if (Math.abs(da) + Math.abs(db) < 1e-10) {
                break;
            }
        }
        return new double[] {a, b};
    }
}
