package io.narrative.encoder;

/**
 * Scaled dot-product self-attention over the fused Q/K/V rows of a batch, each token attending only to the
 * tokens of its own sequence (no padding, no mask needed).
 */
final class Attention {
    private final int hidden;
    private final int heads;
    private final int headDim;
    private final float scale;
    private float[] probabilities = new float[64];

    Attention(int hidden, int heads) {
        this.hidden = hidden;
        this.heads = heads;
        this.headDim = hidden / heads;
        this.scale = (float) (1.0 / Math.sqrt(headDim));
    }

    void apply(float[] qkv, int[] starts, float[] context) {
        apply(qkv, starts, context, null);
    }

    /** Floats {@link #apply(float[], int[], float[], float[])} keeps of the attention probabilities. */
    int probabilityCount(int[] starts) {
        int count = 0;
        for (int s = 0; s + 1 < starts.length; s++) {
            int n = starts[s + 1] - starts[s];
            count += heads * n * n;
        }
        return count;
    }

    /**
     * As {@link #apply(float[], int[], float[])}, keeping the probabilities (for the backward pass) when
     * {@code kept} is not null: sequence by sequence, for each query token and head, one row over the
     * sequence's tokens.
     */
    void apply(float[] qkv, int[] starts, float[] context, float[] kept) {
        int stride = 3 * hidden;
        int keptAt = 0;
        for (int s = 0; s + 1 < starts.length; s++) {
            int s0 = starts[s];
            int s1 = starts[s + 1];
            if (probabilities.length < s1 - s0) {
                probabilities = new float[s1 - s0];
            }
            float[] p = probabilities;
            for (int t = s0; t < s1; t++) {
                for (int h = 0; h < heads; h++) {
                    int q = t * stride + h * headDim;
                    float max = -1e30f;
                    for (int u = s0; u < s1; u++) {
                        int k = u * stride + hidden + h * headDim;
                        float d = 0f;
                        for (int e = 0; e < headDim; e++) {
                            d += qkv[q + e] * qkv[k + e];
                        }
                        d *= scale;
                        p[u - s0] = d;
                        max = Math.max(max, d);
                    }
                    float sum = 0f;
                    for (int u = 0; u < s1 - s0; u++) {
                        float e = (float) Math.exp(p[u] - max);
                        p[u] = e;
                        sum += e;
                    }
                    float inverse = 1f / sum;
                    int c = t * hidden + h * headDim;
                    for (int e = 0; e < headDim; e++) {
                        context[c + e] = 0f;
                    }
                    if (kept != null) {
                        for (int u = 0; u < s1 - s0; u++) {
                            kept[keptAt + u] = p[u] * inverse;
                        }
                        keptAt += s1 - s0;
                    }
                    for (int u = s0; u < s1; u++) {
                        float w = p[u - s0] * inverse;
                        int v = u * stride + 2 * hidden + h * headDim;
                        for (int e = 0; e < headDim; e++) {
                            context[c + e] += w * qkv[v + e];
                        }
                    }
                }
            }
        }
    }
}
