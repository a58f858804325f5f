package io.narrative.encoder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Encodes texts once and pools the final token states around spans of interest, for features that must
 * tell apart two things named in the same text (stance toward Russia and toward the US in one sentence).
 * For each group of spans (e.g. every mention of one target) it returns three L2-normalised vectors side by
 * side: the whole sequence (e5's own mean pooling), the tokens of the spans, and the tokens within
 * {@code contextTokens} of a span but outside every span.
 *
 * <p>A text longer than one sequence is windowed around each group's first span (centred, never cut
 * blindly), so every group's spans are seen with as much context as fits. Sequences are sorted by length and
 * run in batches of at most {@code batchTokens} tokens. Not thread-safe (it reuses nothing, but is meant for
 * one task's thread); the model it wraps is.
 */
public final class SpanEncoder {
    /** Vectors per span group and layer: sequence, spans, context. */
    public static final int PARTS = 3;

    private final E5Model model;
    private final int contextTokens;
    private final int batchTokens;
    private final int tapLayer;
    private final Adapter adapter;

    /** One text and its span groups: {@code groups.get(g)} holds {start, end} char spans of the text. */
    public record Request(String text, List<List<int[]>> groups) {
    }

    /**
     * One sequence to encode: content token ids {@code ids} (token {@code offset} of the text first), for
     * request {@code request}'s groups {@code groups}, whose span token ranges (of the text) are
     * {@code ranges}, in step.
     */
    public record Sequence(int request, int[] ids, int offset, List<Integer> groups, List<int[][]> ranges) {
    }

    public SpanEncoder(E5Model model, int contextTokens, int batchTokens) {
        this(model, contextTokens, batchTokens, 0, null);
    }

    /**
     * {@code tapLayer} > 0: the three vectors of that middle layer follow the last layer's; {@code adapter}
     * (may be null) adapts the top blocks.
     */
    public SpanEncoder(E5Model model, int contextTokens, int batchTokens, int tapLayer, Adapter adapter) {
        if (adapter != null && (!adapter.fits(model) || adapter.firstLayer() < tapLayer)) {
            throw new IllegalArgumentException("an adapter of blocks " + adapter.firstLayer() + "+" + adapter.layers()
                    + " does not fit this encoder with layer " + tapLayer + " tapped");
        }
        this.model = model;
        this.contextTokens = contextTokens;
        this.batchTokens = Math.max(batchTokens, model.maxContentTokens() + 2);
        this.tapLayer = tapLayer;
        this.adapter = adapter;
    }

    public int dim() {
        return (tapLayer > 0 ? 2 : 1) * PARTS * model.dim();
    }

    /**
     * The sequences that encode {@code requests}: a text that fits is one sequence for all its groups; a
     * longer text gives each group a window centred on its first span (never cut blindly).
     */
    public List<Sequence> plan(List<Request> requests) {
        List<Sequence> sequences = new ArrayList<>();
        for (int r = 0; r < requests.size(); r++) {
            Request request = requests.get(r);
            if (request.groups().isEmpty()) {
                continue;
            }
            Tokenized tokens = model.tokenizePassage(request.text() == null ? "" : request.text());
            int max = model.maxContentTokens();
            List<int[][]> groupTokens = new ArrayList<>();
            for (List<int[]> spans : request.groups()) {
                groupTokens.add(tokenRanges(tokens, spans));
            }
            if (tokens.size() <= max) {
                List<Integer> groups = new ArrayList<>();
                for (int g = 0; g < groupTokens.size(); g++) {
                    groups.add(g);
                }
                sequences.add(new Sequence(r, tokens.ids(), 0, groups, groupTokens));
            } else {
                for (int g = 0; g < groupTokens.size(); g++) {
                    int[][] ranges = groupTokens.get(g);
                    int centre = ranges.length == 0 ? 0 : (ranges[0][0] + ranges[0][1]) / 2;
                    int from = Math.max(0, Math.min(tokens.size() - max, centre - max / 2));
                    sequences.add(new Sequence(r, Arrays.copyOfRange(tokens.ids(), from, from + max), from,
                            List.of(g), List.<int[][]>of(ranges)));
                }
            }
        }
        return sequences;
    }

    /** For each request, for each of its groups, the {@link #dim()} floats described above. */
    public List<float[][]> encode(List<Request> requests) {
        return encode(requests, false).features();
    }

    /**
     * The features of {@link #encode} and, per request, e5's own sentence vector from the same pass: the
     * L2-normalised mean of the final states of the encoder as published (without the adapter), over the
     * sequence that holds the request's first group; null for a request without groups. For a text that
     * fits one sequence this is bit for bit {@link SentenceEmbedder#passages} of the text; the blocks below
     * the adapter run once for both.
     */
    public Encoded encodeWithSentences(List<Request> requests) {
        return encode(requests, true);
    }

    /** Features per request and group, and (when asked for) sentence vectors per request. */
    public record Encoded(List<float[][]> features, float[][] sentences) {
    }

    private Encoded encode(List<Request> requests, boolean withSentences) {
        List<float[][]> out = new ArrayList<>();
        for (Request request : requests) {
            out.add(new float[request.groups().size()][]);
        }
        float[][] sentences = withSentences ? new float[requests.size()][] : null;
        for (List<Sequence> batch : batches(plan(requests), batchTokens)) {
            List<int[]> sequences = new ArrayList<>();
            for (Sequence job : batch) {
                sequences.add(job.ids());
            }
            HiddenStates states = withSentences ? model.forwardWithPublished(sequences, tapLayer, adapter)
                    : model.forward(sequences, tapLayer, adapter);
            for (int s = 0; s < batch.size(); s++) {
                Sequence job = batch.get(s);
                for (int k = 0; k < job.groups().size(); k++) {
                    SpanPooling pooling = pooling(states.start(s), states.end(s), job, k);
                    float[] last = pooling.pool(states.values(), model.dim());
                    out.get(job.request())[job.groups().get(k)] = tapLayer == 0 ? last
                            : concat(last, pooling.pool(states.tapped(), model.dim()));
                }
                if (withSentences && job.groups().get(0) == 0) {
                    sentences[job.request()] = meanOfRows(states.published(), states.start(s), states.end(s));
                }
            }
        }
        return new Encoded(out, sentences);
    }

    /** The L2-normalised mean of rows [from, to) of a layer: e5's sentence pooling. */
    private float[] meanOfRows(float[] layer, int from, int to) {
        int dim = model.dim();
        float[] mean = new float[dim];
        for (int t = from; t < to; t++) {
            int r = t * dim;
            for (int i = 0; i < dim; i++) {
                mean[i] += layer[r + i];
            }
        }
        return Vectors.normalize(mean);
    }

    /**
     * The sequences sorted by length and cut into forward passes of at most {@code batchTokens} tokens
     * ({@code <s>} and {@code </s>} counted; a longer sequence goes alone): similar lengths together, so that
     * little attention work is spent across very different sequences.
     */
    public static List<List<Sequence>> batches(List<Sequence> sequences, int batchTokens) {
        List<Sequence> sorted = new ArrayList<>(sequences);
        sorted.sort(Comparator.comparingInt(j -> j.ids().length));
        List<List<Sequence>> batches = new ArrayList<>();
        for (int a = 0; a < sorted.size(); ) {
            int tokens = 0;
            int b = a;
            while (b < sorted.size() && (b == a || tokens + sorted.get(b).ids().length + 2 <= batchTokens)) {
                tokens += sorted.get(b).ids().length + 2;
                b++;
            }
            batches.add(sorted.subList(a, b));
            a = b;
        }
        return batches;
    }

    /** The pooling of group {@code k} of {@code sequence}, which occupies batch rows [start, end). */
    public SpanPooling pooling(int start, int end, Sequence sequence, int k) {
        return SpanPooling.of(start, end, sequence.offset(), sequence.ranges().get(k), contextTokens);
    }

    /** The content-token ranges {first, end} overlapping each char span (spans that hit no token dropped). */
    private static int[][] tokenRanges(Tokenized tokens, List<int[]> spans) {
        List<int[]> ranges = new ArrayList<>();
        for (int[] span : spans) {
            int[] range = tokens.tokensOverlapping(span[0], span[1]);
            if (range[0] >= 0) {
                ranges.add(range);
            }
        }
        return ranges.toArray(new int[0][]);
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
