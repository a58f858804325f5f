package io.narrative.encoder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One L2-normalised vector per text: the mean of the final token states (e5's own pooling, {@code <s>} and
 * {@code </s>} included), through the encoder adapted by {@code adapter} (null: as published). A passage's
 * vector is bit for bit the "whole sequence" part that {@link SpanEncoder} gives its first span group with
 * the same adapter, so one stage can reuse what another encoded. A text longer than one sequence keeps its
 * first {@link E5Model#maxContentTokens()} tokens, as {@link SpanEncoder} does for a text without spans.
 * Texts are sorted by length and run in batches of at most {@code batchTokens} tokens.
 */
public final class SentenceEmbedder {
    private final E5Model model;
    private final Adapter adapter;
    private final int batchTokens;

    public SentenceEmbedder(E5Model model, Adapter adapter, int batchTokens) {
        if (adapter != null && !adapter.fits(model)) {
            throw new IllegalArgumentException("an adapter of blocks " + adapter.firstLayer() + "+"
                    + adapter.layers() + " does not fit this encoder");
        }
        this.model = model;
        this.adapter = adapter;
        this.batchTokens = Math.max(batchTokens, model.maxContentTokens() + 2);
    }

    public int dim() {
        return model.dim();
    }

    /** The vectors of texts to be compared ("passage: " + text), in order; a null text counts as empty. */
    public float[][] passages(List<String> texts) {
        List<int[]> ids = new ArrayList<>(texts.size());
        for (String text : texts) {
            ids.add(model.tokenizePassage(text == null ? "" : text).ids());
        }
        return embed(ids);
    }

    /** The vectors of descriptions searched for among passages ("query: " + text), in order. */
    public float[][] queries(List<String> texts) {
        List<int[]> ids = new ArrayList<>(texts.size());
        for (String text : texts) {
            ids.add(model.tokenizeQuery(text == null ? "" : text).ids());
        }
        return embed(ids);
    }

    private float[][] embed(List<int[]> ids) {
        int max = model.maxContentTokens();
        List<SpanEncoder.Sequence> sequences = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            int[] content = ids.get(i);
            sequences.add(new SpanEncoder.Sequence(i, content.length <= max ? content
                    : Arrays.copyOf(content, max), 0, List.of(), List.of()));
        }
        float[][] out = new float[ids.size()][];
        for (List<SpanEncoder.Sequence> batch : SpanEncoder.batches(sequences, batchTokens)) {
            List<int[]> inputs = new ArrayList<>(batch.size());
            for (SpanEncoder.Sequence sequence : batch) {
                inputs.add(sequence.ids());
            }
            HiddenStates states = model.forward(inputs, 0, adapter);
            for (int s = 0; s < batch.size(); s++) {
                float[] mean = new float[model.dim()];
                for (int t = states.start(s); t < states.end(s); t++) {
                    int r = t * model.dim();
                    for (int i = 0; i < mean.length; i++) {
                        mean[i] += states.values()[r + i];
                    }
                }
                out[batch.get(s).request()] = Vectors.normalize(mean);
            }
        }
        return out;
    }
}
