package io.narrative.encoder;

/**
 * The encoder's final-layer states for a batch of sequences laid end to end: sequence {@code s} occupies
 * token rows {@code [start(s), start(s + 1))}, its {@code <s>} first and {@code </s>} last, each row
 * {@code dim} floats of {@code values}; {@code tapped}, when asked for, holds a middle layer's states in
 * the same layout (else null); {@code published}, when asked for, the final states of the encoder without
 * its adapter (else null).
 */
public record HiddenStates(float[] values, float[] tapped, float[] published, int[] starts, int dim) {
    public int start(int sequence) {
        return starts[sequence];
    }

    public int end(int sequence) {
        return starts[sequence + 1];
    }

    /** Adds rows [from, to) of the batch into {@code sum} (length dim). */
    public void addRows(int from, int to, float[] sum) {
        addRows(values, from, to, sum);
    }

    /** Adds rows [from, to) of {@code layer} (values or tapped) into {@code sum}. */
    public void addRows(float[] layer, int from, int to, float[] sum) {
        for (int t = from; t < to; t++) {
            int r = t * dim;
            for (int i = 0; i < dim; i++) {
                sum[i] += layer[r + i];
            }
        }
    }
}
