package io.narrative.encoder;

/**
 * Scaled dot-product self-attention over the fused Q/K/V rows of a batch, each token attending only to the
 * tokens of its own sequence (no padding, no mask needed). Not thread-safe: one per forward pass.
 */
final class Attention {
    private final int hidden;
    private final int heads;
    private final int headDim;
    private final float scale;
    private final Kernels kernels;
    /** One head's scores, then probabilities: a row per query token, padded to 16 keys. */
    private float[] scores = new float[0];
    /** One head's keys, a row per dimension of the head. */
    private float[] keysTransposed = new float[0];

    Attention(int hidden, int heads, Kernels kernels) {
        this.kernels = kernels;
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
     *
     * <p>Per sequence and head, two small products through {@link Kernels#multiplyAdd}: the scores
     * Q K^T against the keys laid out transposed (so that the sums run over the head's dimensions, one key
     * per lane), and the context P V. Their sums run in the order of the plain loops, so the result is the
     * same bits with or without the Vector API.
     */
    void apply(float[] qkv, int[] starts, float[] context, float[] kept) {
        int stride = 3 * hidden;
        int keptAt = 0;
        for (int s = 0; s + 1 < starts.length; s++) {
            int s0 = starts[s];
            int n = starts[s + 1] - s0;
            int padded = (n + 15) & ~15;
            if (scores.length < n * padded) {
                scores = new float[n * padded];
            }
            if (keysTransposed.length < headDim * padded) {
                keysTransposed = new float[headDim * padded];
            }
            for (int h = 0; h < heads; h++) {
                int head = h * headDim;
                for (int u = 0; u < n; u++) {
                    int k = (s0 + u) * stride + hidden + head;
                    for (int e = 0; e < headDim; e++) {
                        keysTransposed[e * padded + u] = qkv[k + e];
                    }
                }
                for (int e = 0; e < headDim; e++) {
                    java.util.Arrays.fill(keysTransposed, e * padded + n, (e + 1) * padded, 0f);
                }
                // whole rows of 16 (the padding scores 0 and is never read): no ragged edge for the kernel
                java.util.Arrays.fill(scores, 0, n * padded, 0f);
                kernels.multiplyAdd(qkv, s0 * stride + head, stride, keysTransposed, 0, padded, scores, 0, padded,
                        n, headDim, padded);
                for (int t = 0; t < n; t++) {
                    softmax(scores, t * padded, n);
                    if (kept != null) {
                        System.arraycopy(scores, t * padded, kept, keptAt + (t * heads + h) * n, n);
                    }
                }
                for (int t = 0; t < n; t++) {
                    java.util.Arrays.fill(context, (s0 + t) * hidden + head, (s0 + t) * hidden + head + headDim, 0f);
                }
                kernels.multiplyAdd(scores, 0, padded, qkv, s0 * stride + 2 * hidden + head, stride, context,
                        s0 * hidden + head, hidden, n, n, headDim);
            }
            keptAt += heads * n * n;
        }
    }

    /** Scales a row of scores and turns it into probabilities in place. */
    private void softmax(float[] p, int from, int n) {
        float max = -1e30f;
        for (int u = from; u < from + n; u++) {
            p[u] *= scale;
            max = Math.max(max, p[u]);
        }
        float sum = 0f;
        for (int u = from; u < from + n; u++) {
            float e = (float) Math.exp(p[u] - max);
            p[u] = e;
            sum += e;
        }
        float inverse = 1f / sum;
        for (int u = from; u < from + n; u++) {
            p[u] *= inverse;
        }
    }
}
