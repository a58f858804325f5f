package io.narrative.topics.gibbs;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Collapsed Gibbs sampling for LDA over dense word-topic counts: a token's topic is drawn from
 *
 * <pre>
 *   p(t) ∝ (alpha_t + n_dt)(beta + n_wt) / (V beta + n_t) = c_t (beta + n_wt)
 * </pre>
 *
 * with {@code c_t} kept current as the unit's counts change. A token costs one pass over its word's k
 * counts, which sit next to each other and are read four at a time ({@link LaneDraw}), and a count change
 * is one store. For the k of news topic models (tens) this is faster than {@link SparseSampler}, whose
 * sorted per-word lists save work only when a word holds few of the k topics, and whose upkeep (finding a
 * topic in the list, keeping the order) is paid on every change; in a large corpus the frequent words hold
 * all k topics, and about 40% of the draws change a token's topic.
 *
 * <p>Same contract as {@link SparseSampler}: one instance sweeps one shard against its own copy of the
 * global counts; with {@code frozen} the word-topic counts are fixed (fold-in).
 */
final class DenseSampler implements TopicSampler {
    private final int k;
    private final int run;
    /** Slots per word: k rounded up to whole lanes. */
    private final int stride;
    private final int[] slotOf;
    private final double[] alpha;
    private final double beta;
    private final double betaSum;
    private final boolean frozen;
    private final LaneDraw lanes = LaneDraw.best();
    /** The global counts this instance started from (not changed). */
    private final int[] initial;
    /** Word-topic counts, word-major, slot-wise ({@link LaneDraw}), {@code stride} per word. */
    private final int[] wordTopics;
    private final int[] topicTotals;
    /** Per topic: 1 / (V beta + n_t), and the same for n_t - 1 and n_t + 1. */
    private final double[] inverseTotal;
    private final double[] inverseBelow;
    private final double[] inverseAbove;
    /** Per slot: (alpha_t + n_dt) / (V beta + n_t) for the current unit; 0 for padding. */
    private final double[] coefficient;
    private final int[] unitCounts;
    private final double[] prefixes;
    private int[] delta;

    /**
     * @param counts dense global counts: word-major, k per word, then the k topic totals (not changed)
     */
    DenseSampler(int[] counts, int vocabulary, int k, double[] alpha, double beta, boolean frozen) {
        this.k = k;
        this.run = LaneDraw.run(k);
        this.stride = run * LaneDraw.LANES;
        this.slotOf = new int[k];
        for (int t = 0; t < k; t++) {
            slotOf[t] = LaneDraw.slot(t, run);
        }
        this.alpha = alpha.clone();
        this.beta = beta;
        this.betaSum = beta * vocabulary;
        this.frozen = frozen;
        this.initial = counts;
        this.wordTopics = new int[vocabulary * stride];
        for (int w = 0; w < vocabulary; w++) {
            for (int t = 0; t < k; t++) {
                wordTopics[w * stride + slotOf[t]] = counts[w * k + t];
            }
        }
        this.topicTotals = Arrays.copyOfRange(counts, vocabulary * k, vocabulary * k + k);
        this.inverseTotal = new double[k];
        this.inverseBelow = new double[k];
        this.inverseAbove = new double[k];
        this.coefficient = new double[stride];
        this.unitCounts = new int[k];
        this.prefixes = new double[stride];
        for (int t = 0; t < k; t++) {
            inverseTotal[t] = 1.0 / (betaSum + topicTotals[t]);
            inverseBelow[t] = 1.0 / (betaSum + (topicTotals[t] - 1));
            inverseAbove[t] = 1.0 / (betaSum + (topicTotals[t] + 1));
        }
    }

    @Override
    public int[] delta() {
        if (frozen) {
            return null;
        }
        if (delta == null) {
            delta = new int[initial.length - k];
            for (int w = 0, i = 0; i < delta.length; w++) {
                for (int t = 0; t < k; t++, i++) {
                    delta[i] = wordTopics[w * stride + slotOf[t]] - initial[i];
                }
            }
        }
        return delta;
    }

    @Override
    public void sweep(int[] starts, int[] words, int[] topics, int from, int to, SplittableRandom random,
            long[][] histogram) {
        delta = null;
        for (int u = from; u < to; u++) {
            int start = starts[u];
            int end = starts[u + 1];
            beginUnit(topics, start, end);
            for (int i = start; i < end; i++) {
                topics[i] = resample(words[i], topics[i], random);
            }
            if (histogram != null) {
                for (int t = 0; t < k; t++) {
                    if (unitCounts[t] > 0) {
                        histogram[t][unitCounts[t]]++;
                    }
                }
            }
        }
    }

    private void beginUnit(int[] topics, int start, int end) {
        Arrays.fill(unitCounts, 0);
        for (int i = start; i < end; i++) {
            unitCounts[topics[i]]++;
        }
        for (int t = 0; t < k; t++) {
            coefficient[slotOf[t]] = (alpha[t] + unitCounts[t]) * inverseTotal[t];
        }
    }

    /** Draws a new topic for one token of {@code word} now in topic {@code old}, and moves its counts. */
    private int resample(int word, int old, SplittableRandom random) {
        int base = word * stride;
        int oldSlot = slotOf[old];
        unitCounts[old]--;
        if (!frozen) {
            lanes.add(wordTopics, base + oldSlot, -1);
            countOut(old);
        }
        lanes.set(coefficient, oldSlot, (alpha[old] + unitCounts[old]) * inverseTotal[old]);

        int topic = lanes.draw(coefficient, wordTopics, base, beta, run, k, prefixes, random);

        int slot = slotOf[topic];
        unitCounts[topic]++;
        if (!frozen) {
            lanes.add(wordTopics, base + slot, 1);
            countIn(topic);
        }
        lanes.set(coefficient, slot, (alpha[topic] + unitCounts[topic]) * inverseTotal[topic]);
        return topic;
    }

    // A token's draw waits for the previous token's counts, so a division there would hold every token up:
    // the reciprocals one token below and above each total are kept ready, and the division that refills
    // them runs beside the next draw instead of before it.

    private void countOut(int topic) {
        int total = --topicTotals[topic];
        inverseAbove[topic] = inverseTotal[topic];
        inverseTotal[topic] = inverseBelow[topic];
        inverseBelow[topic] = 1.0 / (betaSum + (total - 1));
    }

    private void countIn(int topic) {
        int total = ++topicTotals[topic];
        inverseBelow[topic] = inverseTotal[topic];
        inverseTotal[topic] = inverseAbove[topic];
        inverseAbove[topic] = 1.0 / (betaSum + (total + 1));
    }
}
