package io.narrative.topics.gibbs;

import java.util.SplittableRandom;

/** {@link LaneDraw} in plain loops: the reference the vector version must match bit for bit. */
final class ScalarLaneDraw implements LaneDraw {
    @Override
    public int draw(double[] coefficient, int[] wordTopics, int base, double beta, int run, int k,
            double[] prefixes, SplittableRandom random) {
        double a = 0;
        double b = 0;
        double c = 0;
        double d = 0;
        for (int j = 0, s = 0; j < run; j++, s += LANES) {
            a += coefficient[s] * (beta + wordTopics[base + s]);
            b += coefficient[s + 1] * (beta + wordTopics[base + s + 1]);
            c += coefficient[s + 2] * (beta + wordTopics[base + s + 2]);
            d += coefficient[s + 3] * (beta + wordTopics[base + s + 3]);
            prefixes[s] = a;
            prefixes[s + 1] = b;
            prefixes[s + 2] = c;
            prefixes[s + 3] = d;
        }
        double u = random.nextDouble() * (a + b + c + d);
        double ub = u - a;
        double uc = ub - b;
        double ud = uc - c;
        int topic = 0;
        for (int j = 0, s = 0; j < run; j++, s += LANES) {
            topic += (prefixes[s] <= u ? 1 : 0) + (prefixes[s + 1] <= ub ? 1 : 0) + (prefixes[s + 2] <= uc ? 1 : 0)
                    + (prefixes[s + 3] <= ud ? 1 : 0);
        }
        return Math.min(topic, k - 1);
    }

    @Override
    public void set(double[] values, int index, double value) {
        values[index] = value;
    }

    @Override
    public void add(int[] counts, int index, int delta) {
        counts[index] += delta;
    }
}
