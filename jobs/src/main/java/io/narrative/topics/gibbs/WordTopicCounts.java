package io.narrative.topics.gibbs;

/**
 * Word-topic counts for sparse sampling: per word, only its topics with a non-zero count, packed as
 * {@code count << topicBits | topic} and kept in descending count order, so that the topic-word bucket of
 * a token costs the word's non-zero topics (few, for most words) and not k. The layout is one flat array
 * with k slots per word; {@code nonZero[w]} of them are in use.
 *
 * <p>Every change is also recorded in {@code delta} (dense, word-major), which is what a partition sends
 * back to be summed into the global counts.
 */
final class WordTopicCounts {
    private final int k;
    private final int topicBits;
    private final int topicMask;
    private final int[] packed;
    private final int[] nonZero;
    private final int[] delta;

    /** From dense counts {@code dense[w * k + t]}; {@code recordDelta} false for frozen (fold-in) use. */
    WordTopicCounts(int[] dense, int vocabulary, int k, boolean recordDelta) {
        this.k = k;
        this.topicBits = Integer.SIZE - Integer.numberOfLeadingZeros(Math.max(1, k - 1));
        this.topicMask = (1 << topicBits) - 1;
        this.packed = new int[vocabulary * k];
        this.nonZero = new int[vocabulary];
        this.delta = recordDelta ? new int[vocabulary * k] : null;
        long maxCount = (1L << (Integer.SIZE - 1 - topicBits)) - 1;
        for (int w = 0; w < vocabulary; w++) {
            int base = w * k;
            int used = 0;
            for (int t = 0; t < k; t++) {
                int count = dense[base + t];
                if (count > maxCount) {
                    throw new IllegalArgumentException("word " + w + " has " + count + " tokens in topic " + t
                            + ", more than the packed counts hold (" + maxCount + ") with k = " + k);
                }
                if (count > 0) {
                    packed[base + used++] = count << topicBits | t;
                }
            }
            nonZero[w] = used;
            sortDescending(base, used);
        }
    }

    private void sortDescending(int from, int length) {
        // Insertion sort: k is small and most words have few topics.
        for (int i = from + 1; i < from + length; i++) {
            int value = packed[i];
            int j = i - 1;
            while (j >= from && packed[j] < value) {
                packed[j + 1] = packed[j];
                j--;
            }
            packed[j + 1] = value;
        }
    }

    int nonZero(int word) {
        return nonZero[word];
    }

    int topicAt(int word, int slot) {
        return packed[word * k + slot] & topicMask;
    }

    int countAt(int word, int slot) {
        return packed[word * k + slot] >>> topicBits;
    }

    /** Removes one token of {@code word} from {@code topic}, which must hold at least one. */
    void decrement(int word, int topic) {
        int base = word * k;
        int end = base + nonZero[word];
        int i = base;
        while ((packed[i] & topicMask) != topic) {
            i++;
            if (i == end) {
                throw new IllegalStateException("word " + word + " has no token in topic " + topic);
            }
        }
        int value = packed[i] - (1 << topicBits);
        // Move right past larger counts so that the order stays descending; a zero count leaves the list.
        while (i + 1 < end && packed[i + 1] > value) {
            packed[i] = packed[i + 1];
            i++;
        }
        packed[i] = value;
        if ((value >>> topicBits) == 0) {
            nonZero[word]--;
        }
        if (delta != null) {
            delta[base + topic]--;
        }
    }

    /** Adds one token of {@code word} to {@code topic}. */
    void increment(int word, int topic) {
        int base = word * k;
        int end = base + nonZero[word];
        int i = base;
        while (i < end && (packed[i] & topicMask) != topic) {
            i++;
        }
        int value;
        if (i == end) {
            value = 1 << topicBits | topic;
            nonZero[word]++;
        } else {
            value = packed[i] + (1 << topicBits);
        }
        while (i > base && packed[i - 1] < value) {
            packed[i] = packed[i - 1];
            i--;
        }
        packed[i] = value;
        if (delta != null) {
            delta[base + topic]++;
        }
    }

    /** The changes since construction, dense and word-major; null for frozen counts. */
    int[] delta() {
        return delta;
    }
}
