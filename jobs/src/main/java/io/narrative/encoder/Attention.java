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
    /** One head's keys of one sequence, dimension-major (see {@link #transposeKeys}). */
    private float[] keys = new float[0];

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
            int n = starts[s + 1] - s0;
            if (probabilities.length < n) {
                probabilities = new float[n];
            }
            if (keys.length < headDim * n) {
                keys = new float[headDim * n];
            }
            float[] p = probabilities;
            for (int h = 0; h < heads; h++) {
                transposeKeys(qkv, s0, n, h);
                for (int t = 0; t < n; t++) {
                    scores(qkv, (s0 + t) * stride + h * headDim, n, p);
                    float max = -1e30f;
                    for (int u = 0; u < n; u++) {
                        p[u] *= scale;
                        max = Math.max(max, p[u]);
                    }
                    float sum = 0f;
                    for (int u = 0; u < n; u++) {
                        float e = (float) Math.exp(p[u] - max);
                        p[u] = e;
                        sum += e;
                    }
                    float inverse = 1f / sum;
                    int c = (s0 + t) * hidden + h * headDim;
                    for (int e = 0; e < headDim; e++) {
                        context[c + e] = 0f;
                    }
                    if (kept != null) {
                        int row = keptAt + (t * heads + h) * n;
                        for (int u = 0; u < n; u++) {
                            kept[row + u] = p[u] * inverse;
                        }
                    }
                    for (int u = 0; u < n; u++) {
                        float w = p[u] * inverse;
                        int v = (s0 + u) * stride + 2 * hidden + h * headDim;
                        for (int e = 0; e < headDim; e++) {
                            context[c + e] += w * qkv[v + e];
                        }
                    }
                }
            }
            keptAt += heads * n * n;
        }
    }

    /** Head h's keys of the sequence's n tokens, dimension-major: keys[e * n + u]. */
    private void transposeKeys(float[] qkv, int s0, int n, int h) {
        int stride = 3 * hidden;
        for (int u = 0; u < n; u++) {
            int k = (s0 + u) * stride + hidden + h * headDim;
            for (int e = 0; e < headDim; e++) {
                keys[e * n + u] = qkv[k + e];
            }
        }
    }

    /**
     * p[u] = the dot product of the query at {@code q} with key u, summed over dimensions in order (as a
     * per-key loop would, so the result is the same to the bit), but with the keys innermost: a loop the
     * JIT turns into vector instructions, where a 32-term reduction per key stays scalar.
     */
    private void scores(float[] qkv, int q, int n, float[] p) {
        java.util.Arrays.fill(p, 0, n, 0f);
        for (int e = 0; e < headDim; e++) {
            float qe = qkv[q + e];
            int base = e * n;
            for (int u = 0; u < n; u++) {
                p[u] += qe * keys[base + u];
            }
        }
    }
}
