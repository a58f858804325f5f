package io.narrative.encoder;

/**
 * Adam with decoupled weight decay (Loshchilov &amp; Hutter, "Decoupled Weight Decay Regularization", ICLR
 * 2019) over groups of float arrays, each group with its own step size and decay. Deterministic: plain
 * sequential arithmetic on the caller's thread.
 */
public final class AdamW {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final float[][] parameters;
    private final float[][] first;
    private final float[][] second;
    private final double[] decay;
    private int steps;

    /** {@code decay[p]}: the weight decay of array p (0 for none). */
    public AdamW(float[][] parameters, double[] decay) {
        this.parameters = parameters;
        this.decay = decay.clone();
        first = new float[parameters.length][];
        second = new float[parameters.length][];
        for (int p = 0; p < parameters.length; p++) {
            first[p] = new float[parameters[p].length];
            second[p] = new float[parameters[p].length];
        }
    }

    /** One step along {@code gradients} (same shapes as the parameters), array p with step size rates[p]. */
    public void step(float[][] gradients, double[] rates) {
        steps++;
        double c1 = 1 - Math.pow(BETA1, steps);
        double c2 = 1 - Math.pow(BETA2, steps);
        for (int p = 0; p < parameters.length; p++) {
            float[] w = parameters[p];
            float[] g = gradients[p];
            float[] m = first[p];
            float[] v = second[p];
            double rate = rates[p];
            double shrink = 1 - rate * decay[p];
            for (int i = 0; i < w.length; i++) {
                m[i] = (float) (BETA1 * m[i] + (1 - BETA1) * g[i]);
                v[i] = (float) (BETA2 * v[i] + (1 - BETA2) * g[i] * g[i]);
                double update = (m[i] / c1) / (Math.sqrt(v[i] / c2) + EPSILON);
                w[i] = (float) (w[i] * shrink - rate * update);
            }
        }
    }

    /** The adapter's weights as optimiser parameter arrays (A and B of every slot), in a fixed order. */
    public static float[][] parametersOf(Adapter adapter) {
        return adapter.parameters();
    }
}
