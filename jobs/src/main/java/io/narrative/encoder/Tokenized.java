package io.narrative.encoder;

/**
 * A text as the encoder's content tokens (no {@code <s>}/{@code </s>}), each with the span of the input
 * text it came from: {@code [charStart[i], charEnd[i])} in the Java string given to the tokenizer. A token
 * made only of the word-start marker, or of characters the normaliser removed, gets an empty span at the
 * position it stands.
 */
public record Tokenized(int[] ids, int[] charStart, int[] charEnd) {
    public int size() {
        return ids.length;
    }

    /** The tokens overlapping {@code [from, to)}: {first, last + 1}, or {-1, -1} when none does. */
    public int[] tokensOverlapping(int from, int to) {
        int first = -1;
        int last = -1;
        for (int i = 0; i < ids.length; i++) {
            boolean overlaps = charStart[i] < to && from < Math.max(charEnd[i], charStart[i] + 1)
                    && charEnd[i] > charStart[i];
            if (overlaps) {
                if (first < 0) {
                    first = i;
                }
                last = i;
            }
        }
        return first < 0 ? new int[] {-1, -1} : new int[] {first, last + 1};
    }
}
