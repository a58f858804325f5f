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

    /** One text and its span groups: {@code groups.get(g)} holds {start, end} char spans of the text. */
    public record Request(String text, List<List<int[]>> groups) {
    }

    public SpanEncoder(E5Model model, int contextTokens, int batchTokens) {
        this(model, contextTokens, batchTokens, 0);
    }

    /** {@code tapLayer} > 0: the three vectors of that middle layer follow the last layer's. */
    public SpanEncoder(E5Model model, int contextTokens, int batchTokens, int tapLayer) {
        this.model = model;
        this.contextTokens = contextTokens;
        this.batchTokens = Math.max(batchTokens, model.maxContentTokens() + 2);
        this.tapLayer = tapLayer;
    }

    public int dim() {
        return (tapLayer > 0 ? 2 : 1) * PARTS * model.dim();
    }

    /** For each request, for each of its groups, the {@link #dim()} floats described above. */
    public List<float[][]> encode(List<Request> requests) {
        List<Job> jobs = new ArrayList<>();
        List<float[][]> out = new ArrayList<>();
        for (int r = 0; r < requests.size(); r++) {
            Request request = requests.get(r);
            out.add(new float[request.groups().size()][]);
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
                Job job = new Job(r, tokens.ids(), 0);
                for (int g = 0; g < groupTokens.size(); g++) {
                    job.groups.add(g);
                }
                job.ranges.addAll(groupTokens);
                jobs.add(job);
            } else {
                for (int g = 0; g < groupTokens.size(); g++) {
                    int[][] ranges = groupTokens.get(g);
                    int centre = ranges.length == 0 ? 0 : (ranges[0][0] + ranges[0][1]) / 2;
                    int from = Math.max(0, Math.min(tokens.size() - max, centre - max / 2));
                    Job job = new Job(r, Arrays.copyOfRange(tokens.ids(), from, from + max), from);
                    job.groups.add(g);
                    job.ranges.add(ranges);
                    jobs.add(job);
                }
            }
        }
        jobs.sort(Comparator.comparingInt(j -> j.ids.length));
        for (int a = 0; a < jobs.size(); ) {
            int tokens = 0;
            int b = a;
            while (b < jobs.size() && (b == a || tokens + jobs.get(b).ids.length + 2 <= batchTokens)) {
                tokens += jobs.get(b).ids.length + 2;
                b++;
            }
            List<int[]> sequences = new ArrayList<>();
            for (Job job : jobs.subList(a, b)) {
                sequences.add(job.ids);
            }
            HiddenStates states = model.forward(sequences, tapLayer);
            for (int s = 0; s < b - a; s++) {
                Job job = jobs.get(a + s);
                for (int k = 0; k < job.groups.size(); k++) {
                    float[] last = pool(states, states.values(), s, job.offset, job.ranges.get(k));
                    out.get(job.request)[job.groups.get(k)] = tapLayer == 0 ? last
                            : concat(last, pool(states, states.tapped(), s, job.offset, job.ranges.get(k)));
                }
            }
            a = b;
        }
        return out;
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

    private float[] pool(HiddenStates states, float[] layer, int sequence, int offset, int[][] ranges) {
        int dim = model.dim();
        int start = states.start(sequence);
        int end = states.end(sequence);
        int content = end - start - 2;
        float[] whole = new float[dim];
        states.addRows(layer, start, end, whole);
        boolean[] inSpan = new boolean[content];
        boolean[] inContext = new boolean[content];
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
        float[] spans = new float[dim];
        float[] context = new float[dim];
        int nSpan = 0;
        int nContext = 0;
        for (int t = 0; t < content; t++) {
            if (inSpan[t]) {
                states.addRows(layer, start + 1 + t, start + 2 + t, spans);
                nSpan++;
            } else if (inContext[t]) {
                states.addRows(layer, start + 1 + t, start + 2 + t, context);
                nContext++;
            }
        }
        // a span the tokenizer could not place, or a span with no context around it: the sequence stands in
        float[] out = new float[PARTS * dim];
        Vectors.normalize(whole);
        System.arraycopy(whole, 0, out, 0, dim);
        System.arraycopy(nSpan > 0 ? Vectors.normalize(spans) : whole, 0, out, dim, dim);
        System.arraycopy(nContext > 0 ? Vectors.normalize(context) : whole, 0, out, 2 * dim, dim);
        return out;
    }

    private static final class Job {
        final int request;
        final int[] ids;
        final int offset;
        /** The request's groups this sequence serves, and their token ranges, in step. */
        final List<Integer> groups = new ArrayList<>();
        final List<int[][]> ranges = new ArrayList<>();

        Job(int request, int[] ids, int offset) {
            this.request = request;
            this.ids = ids;
            this.offset = offset;
        }
    }
}
