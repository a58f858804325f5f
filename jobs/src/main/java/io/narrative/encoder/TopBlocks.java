package io.narrative.encoder;

/**
 * The top blocks of the encoder as a trainable function of the states entering them: a forward pass that
 * keeps what it needs, and the backward pass that turns the gradient of a loss with respect to the final
 * states into the gradient with respect to an {@link Adapter}'s weights.
 *
 * <p>The forward pass is the inference pass itself (e5.c's int8 rounding of activations included), so a
 * model is trained on exactly what it will compute. The rounding has no useful derivative; the backward pass
 * treats it as the identity (the straight-through estimator), and multiplies by the dequantised weights.
 * Holds a transposed fp32 copy of the top blocks' matrices (about 7 MB per block), for dx = dy W.
 */
public final class TopBlocks {
    private final E5Model model;
    private final int first;
    private final boolean rounded;
    /** Per block from {@code first}: W^T of the Q/K/V, attention output, feed-forward in and out matrices. */
    private final PackedMatrix[][] transposed;

    /** What a forward pass kept: the final states and each block's trace. */
    public static final class Pass {
        private final float[] output;
        private final int[] starts;
        private final BlockTrace[] traces;

        private Pass(float[] output, int[] starts, BlockTrace[] traces) {
            this.output = output;
            this.starts = starts;
            this.traces = traces;
        }

        /** The final token states, rows laid out as in {@link HiddenStates}. */
        public float[] output() {
            return output;
        }
    }

    /** Blocks {@code firstLayer} (0-based) to the last, with e5.c's rounding. */
    public TopBlocks(E5Model model, int firstLayer) {
        this(model, firstLayer, true);
    }

    /** {@code rounded} false: exact fp32 activations, so that finite differences can check the gradients. */
    TopBlocks(E5Model model, int firstLayer, boolean rounded) {
        if (firstLayer < 0 || firstLayer >= model.layers()) {
            throw new IllegalArgumentException("block " + firstLayer + " of " + model.layers());
        }
        this.model = model;
        this.first = firstLayer;
        this.rounded = rounded;
        int width = model.kernels().panelWidth();
        transposed = new PackedMatrix[model.layers() - first][];
        for (int l = first; l < model.layers(); l++) {
            E5Layer layer = model.layer(l);
            transposed[l - first] = new PackedMatrix[] {layer.qkv().transposed(width),
                layer.attentionOut().transposed(width), layer.ffnIn().transposed(width),
                layer.ffnOut().transposed(width)};
        }
    }

    public int firstLayer() {
        return first;
    }

    /** Runs the top blocks over {@code input} (not changed), keeping what {@link #backward} needs. */
    public Pass forward(float[] input, int[] starts, Adapter adapter) {
        float[] x = input.clone();
        BlockTrace[] traces = new BlockTrace[model.layers() - first];
        model.runBlocks(x, starts, first, model.layers(), adapter, traces, rounded);
        return new Pass(x, starts, traces);
    }

    /** The final states only, as inference computes them. */
    public float[] infer(float[] input, int[] starts, Adapter adapter) {
        return model.runBlocks(input.clone(), starts, first, model.layers(), adapter, null, rounded);
    }

    /**
     * Adds to {@code gradient} (shaped like {@code adapter}) the gradient of the loss with respect to the
     * adapter's weights, given {@code dOutput}, its gradient with respect to {@link Pass#output()} (used up).
     */
    public void backward(Pass pass, float[] dOutput, Adapter adapter, Adapter gradient) {
        int h = model.dim();
        int ffn = model.ffn();
        int rows = pass.starts[pass.starts.length - 1];
        Kernels kernels = model.kernels();
        float[] dy = dOutput;
        float[] dWide = new float[rows * ffn];
        float[] dNarrow = new float[rows * h];
        float[] dQkv = new float[rows * 3 * h];
        for (int l = model.layers() - 1; l >= first; l--) {
            BlockTrace t = pass.traces[l - first];
            E5Layer layer = model.layer(l);
            PackedMatrix[] wt = transposed[l - first];
            boolean adapted = adapter != null && adapter.adapts(l);
            // y = LayerNorm(h1 + out)
            float[] du2 = layerNormBackward(dy, t.normalized2, t.inverseStd2, layer.outputNormWeight(), rows, h);
            float[] dH1 = du2.clone();
            // out = round(gelu) Wo^T + side path
            kernels.multiply(du2, rows, wt[Adapter.FFN_OUT], dWide);
            if (adapted) {
                adapter.backward(l, Adapter.FFN_OUT, t.gelu, t.adapterInner[Adapter.FFN_OUT], du2, rows, gradient,
                        dWide);
            }
            for (int i = 0; i < rows * ffn; i++) {
                dWide[i] *= geluDerivative(t.preGelu[i]);
            }
            // mid = round(h1) Wi^T + side path
            kernels.multiply(dWide, rows, wt[Adapter.FFN_IN], dNarrow);
            add(dH1, dNarrow, rows * h);
            if (adapted) {
                adapter.backward(l, Adapter.FFN_IN, t.norm1, t.adapterInner[Adapter.FFN_IN], dWide, rows, gradient, dH1);
            }
            // h1 = LayerNorm(x + proj)
            float[] du1 = layerNormBackward(dH1, t.normalized1, t.inverseStd1, layer.attentionNormWeight(), rows, h);
            float[] dx = du1.clone();
            // proj = round(context) Wao^T + side path
            float[] dContext = new float[rows * h];
            kernels.multiply(du1, rows, wt[Adapter.ATTENTION_OUT], dContext);
            if (adapted) {
                adapter.backward(l, Adapter.ATTENTION_OUT, t.context, t.adapterInner[Adapter.ATTENTION_OUT], du1, rows,
                        gradient, dContext);
            }
            attentionBackward(t, pass.starts, dContext, dQkv);
            // qkv = round(x) Wqkv^T + side path
            kernels.multiply(dQkv, rows, wt[Adapter.QKV], dNarrow);
            add(dx, dNarrow, rows * h);
            if (adapted) {
                adapter.backward(l, Adapter.QKV, t.input, t.adapterInner[Adapter.QKV], dQkv, rows, gradient, dx);
            }
            dy = dx;
        }
    }

    private static void add(float[] into, float[] values, int count) {
        for (int i = 0; i < count; i++) {
            into[i] += values[i];
        }
    }

    /** y = xhat g + b with xhat = (u - mean) / sd: du = (dxhat - mean(dxhat) - xhat mean(dxhat xhat)) / sd. */
    static float[] layerNormBackward(float[] dy, float[] normalized, float[] inverseStd, float[] gain, int rows,
            int n) {
        float[] du = new float[rows * n];
        for (int r = 0; r < rows; r++) {
            int o = r * n;
            double sum = 0;
            double dot = 0;
            for (int i = 0; i < n; i++) {
                double g = dy[o + i] * gain[i];
                sum += g;
                dot += g * normalized[o + i];
            }
            float mean = (float) (sum / n);
            float meanDot = (float) (dot / n);
            float inv = inverseStd[r];
            for (int i = 0; i < n; i++) {
                du[o + i] = inv * (dy[o + i] * gain[i] - mean - normalized[o + i] * meanDot);
            }
        }
        return du;
    }

    /** d/dx of 0.5 x (1 + erf(x / sqrt 2)) = Phi(x) + x phi(x). */
    static float geluDerivative(float x) {
        double cdf = 0.5 * (1.0 + Activations.erf(x * 0.7071067811865476));
        double pdf = Math.exp(-0.5 * x * x) * 0.3989422804014327;
        return (float) (cdf + x * pdf);
    }

    /**
     * Softmax attention backward, per sequence and head, from the kept probabilities P: with C = P V and
     * P = softmax(s Q K^T), dV = P^T dC, dP = dC V^T, dS = P (dP - rowsum(P dP)), dQ = s dS K, dK = s dS^T Q.
     */
    private void attentionBackward(BlockTrace t, int[] starts, float[] dContext, float[] dQkv) {
        int h = model.dim();
        int heads = model.heads();
        int headDim = h / heads;
        float scale = (float) (1.0 / Math.sqrt(headDim));
        int stride = 3 * h;
        java.util.Arrays.fill(dQkv, 0f);
        float[] qkv = t.qkv;
        float[] p = t.probabilities;
        int at = 0;
        float[] dp = new float[64];
        for (int s = 0; s + 1 < starts.length; s++) {
            int s0 = starts[s];
            int n = starts[s + 1] - s0;
            if (dp.length < n) {
                dp = new float[n];
            }
            for (int q = 0; q < n; q++) {
                for (int hd = 0; hd < heads; hd++, at += n) {
                    int c = (s0 + q) * h + hd * headDim;
                    int qRow = (s0 + q) * stride + hd * headDim;
                    float weighted = 0f;
                    for (int u = 0; u < n; u++) {
                        int vRow = (s0 + u) * stride + 2 * h + hd * headDim;
                        float d = 0f;
                        float pu = p[at + u];
                        for (int e = 0; e < headDim; e++) {
                            d += dContext[c + e] * qkv[vRow + e];
                            dQkv[vRow + e] += pu * dContext[c + e];
                        }
                        dp[u] = d;
                        weighted += pu * d;
                    }
                    for (int u = 0; u < n; u++) {
                        float ds = p[at + u] * (dp[u] - weighted) * scale;
                        if (ds == 0f) {
                            continue;
                        }
                        int kRow = (s0 + u) * stride + h + hd * headDim;
                        for (int e = 0; e < headDim; e++) {
                            dQkv[qRow + e] += ds * qkv[kRow + e];
                            dQkv[kRow + e] += ds * qkv[qRow + e];
                        }
                    }
                }
            }
        }
    }
}
