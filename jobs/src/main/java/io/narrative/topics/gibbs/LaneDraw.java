package io.narrative.topics.gibbs;

import io.narrative.core.VectorApi;
import java.lang.invoke.MethodHandles;
import java.util.SplittableRandom;

/**
 * Draws a topic from a token's unnormalised topic probabilities {@code c_t (beta + n_wt)}, for
 * {@link DenseSampler}. The topics are cut into four lanes of {@code run} consecutive topics (lane l holds
 * topics {@code l run .. (l + 1) run - 1}, padded with zero scores past k), and per-topic arrays are stored
 * slot-wise, slot {@code 4 j + l} holding topic {@code l run + j}, so that one four-wide vector holds the
 * j-th topic of every lane. The running totals are then four short chains summed side by side, and the
 * topic drawn is the number of running totals at or below the uniform draw: no branch to mispredict and no
 * chain of k dependent additions, which is what a topic costs in a plain loop.
 *
 * <p>Two implementations with bit-identical results, so the topics of a run do not depend on the JVM's
 * flags: four-wide SIMD through the JDK's Vector API when the JVM was started with
 * {@code --add-modules=jdk.incubator.vector} (bin/narrative and Spark's launcher settings pass it), plain
 * loops doing the same additions in the same order otherwise. Only lane-wise operations are vectorised: a
 * horizontal sum may be done in any order, which would make the topics depend on the JIT.
 */
interface LaneDraw {
    int LANES = 4;

    /**
     * @param coefficient per slot: {@code c_t}, 0 for padding
     * @param wordTopics slot-wise word-topic counts; the word's {@code 4 run} slots start at {@code base}
     * @param prefixes scratch, at least {@code 4 run} long
     * @return the topic drawn (natural order), at most k - 1
     */
    int draw(double[] coefficient, int[] wordTopics, int base, double beta, int run, int k, double[] prefixes,
            SplittableRandom random);

    /**
     * {@code values[index] = value}, where {@code index} is a slot of a slot-wise array whose groups of four
     * start at multiples of four. The vector version stores the whole group of four: a store narrower than
     * the draw's next vector load of the same group cannot be forwarded to it, and every token would wait
     * for the store to reach the cache first.
     */
    void set(double[] values, int index, double value);

    /** {@code counts[index] += delta}, stored like {@link #set}. */
    void add(int[] counts, int index, int delta);

    static LaneDraw best() {
        return VectorApi.implementation(MethodHandles.lookup(), LaneDraw.class,
                "io.narrative.topics.gibbs.VectorLaneDraw", ScalarLaneDraw::new);
    }

    /** The slot of topic {@code topic}. */
    static int slot(int topic, int run) {
        return topic % run * LANES + topic / run;
    }

    /** Topics per lane for k topics. */
    static int run(int k) {
        return (k + LANES - 1) / LANES;
    }
}
