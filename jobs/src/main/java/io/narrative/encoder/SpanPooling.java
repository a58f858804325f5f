package io.narrative.encoder;

/**
 * The three pooled parts of one span group in one sequence (see {@link SpanEncoder}): the whole sequence,
 * the span tokens, and the tokens within {@code contextTokens} of a span but outside every span; each the
 * L2-normalised sum of its token states, a part with no tokens standing in as the whole sequence. The same
 * rows serve the forward pooling and its backward pass, so training sees exactly what inference computes.
 */
public final class SpanPooling {
    private final int start;
    private final int end;
    private final int[] spanRows;
    private final int[] contextRows;

    private SpanPooling(int start, int end, int[] spanRows, int[] contextRows) {
        this.start = start;
        this.end = end;
        this.spanRows = spanRows;
        this.contextRows = contextRows;
    }

    /**
     * For the sequence at batch rows [start, end) ({@code <s>} first, {@code </s>} last), whose first content
     * token is token {@code offset} of its text, and span token ranges {first, end} of the text.
     */
    public static SpanPooling of(int start, int end, int offset, int[][] ranges, int contextTokens) {
        int content = end - start - 2;
        boolean[] inSpan = new boolean[Math.max(0, content)];
        boolean[] inContext = new boolean[Math.max(0, content)];
        for (int[] range : ranges) {
            int a = Math.max(0, range[0] - offset);
            int b = Math.min(content, range[1] - offset);
            for (int t = a; t < b; t++) {
                inSpan[t] = true;
            }
            for (int t = Math.max(0, a - contextTokens); t < Math.min(content, b + contextTokens); t++) {
                inContext[t] = true;
            }
        }
        int nSpan = 0;
        int nContext = 0;
        for (int t = 0; t < content; t++) {
            if (inSpan[t]) {
                nSpan++;
            } else if (inContext[t]) {
                nContext++;
            }
        }
        int[] spans = new int[nSpan];
        int[] context = new int[nContext];
        for (int t = 0, a = 0, b = 0; t < content; t++) {
            if (inSpan[t]) {
                spans[a++] = start + 1 + t;
            } else if (inContext[t]) {
                context[b++] = start + 1 + t;
            }
        }
        return new SpanPooling(start, end, spans, context);
    }

    /** The 3 x dim pooled parts of {@code layer} (token rows of dim floats). */
    public float[] pool(float[] layer, int dim) {
        float[] whole = new float[dim];
        for (int t = start; t < end; t++) {
            addRow(layer, t, dim, whole);
        }
        float[] spans = sum(layer, spanRows, dim);
        float[] context = sum(layer, contextRows, dim);
        float[] out = new float[3 * dim];
        Vectors.normalize(whole);
        System.arraycopy(whole, 0, out, 0, dim);
        System.arraycopy(spanRows.length > 0 ? Vectors.normalize(spans) : whole, 0, out, dim, dim);
        System.arraycopy(contextRows.length > 0 ? Vectors.normalize(context) : whole, 0, out, 2 * dim, dim);
        return out;
    }

    /** Adds into {@code dLayer} the gradient of a loss with respect to {@code layer}'s rows, given dLoss/d{@link #pool}. */
    public void backward(float[] layer, int dim, float[] dPooled, float[] dLayer) {
        float[] dWhole = java.util.Arrays.copyOfRange(dPooled, 0, dim);
        if (spanRows.length == 0) {
            addInto(dWhole, dPooled, dim);
        }
        if (contextRows.length == 0) {
            addInto(dWhole, dPooled, 2 * dim);
        }
        float[] whole = new float[dim];
        int[] all = new int[end - start];
        for (int t = start; t < end; t++) {
            addRow(layer, t, dim, whole);
            all[t - start] = t;
        }
        spread(whole, dWhole, all, dim, dLayer);
        if (spanRows.length > 0) {
            spread(sum(layer, spanRows, dim), java.util.Arrays.copyOfRange(dPooled, dim, 2 * dim), spanRows, dim,
                    dLayer);
        }
        if (contextRows.length > 0) {
            spread(sum(layer, contextRows, dim), java.util.Arrays.copyOfRange(dPooled, 2 * dim, 3 * dim), contextRows,
                    dim, dLayer);
        }
    }

    /** v = u / |u|: du = (dv - v (v . dv)) / |u|, the same for every row summed into u. */
    private static void spread(float[] u, float[] dv, int[] rows, int dim, float[] dLayer) {
        double sq = 0;
        for (float f : u) {
            sq += (double) f * f;
        }
        double norm = Math.sqrt(Math.max(sq, 1e-12));
        double dot = 0;
        for (int i = 0; i < dim; i++) {
            dot += u[i] / norm * dv[i];
        }
        float[] du = new float[dim];
        for (int i = 0; i < dim; i++) {
            du[i] = (float) ((dv[i] - u[i] / norm * dot) / norm);
        }
        for (int row : rows) {
            int r = row * dim;
            for (int i = 0; i < dim; i++) {
                dLayer[r + i] += du[i];
            }
        }
    }

    private static void addInto(float[] into, float[] from, int offset) {
        for (int i = 0; i < into.length; i++) {
            into[i] += from[offset + i];
        }
    }

    private static float[] sum(float[] layer, int[] rows, int dim) {
        float[] s = new float[dim];
        for (int row : rows) {
            addRow(layer, row, dim, s);
        }
        return s;
    }

    private static void addRow(float[] layer, int row, int dim, float[] into) {
        int r = row * dim;
        for (int i = 0; i < dim; i++) {
            into[i] += layer[r + i];
        }
    }
}
