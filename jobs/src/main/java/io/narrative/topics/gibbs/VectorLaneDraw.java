package io.narrative.topics.gibbs;

import java.util.SplittableRandom;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link LaneDraw} with four-wide vectors: the same lane-wise additions and multiplications as
 * {@link ScalarLaneDraw}, in the same order, so the same bits.
 */
final class VectorLaneDraw implements LaneDraw {
    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_256;
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_128;
    private static final DoubleVector LANE_OF_DOUBLES = DoubleVector.fromArray(DOUBLES, new double[] {0, 1, 2, 3}, 0);
    private static final IntVector LANE_OF_INTS = IntVector.fromArray(INTS, new int[] {0, 1, 2, 3}, 0);

    @Override
    public int draw(double[] coefficient, int[] wordTopics, int base, double beta, int run, int k,
            double[] prefixes, SplittableRandom random) {
        DoubleVector sum = DoubleVector.zero(DOUBLES);
        for (int s = 0; s < run * LANES; s += LANES) {
            DoubleVector counts = (DoubleVector) IntVector.fromArray(INTS, wordTopics, base + s)
                    .convertShape(VectorOperators.I2D, DOUBLES, 0);
            sum = sum.add(DoubleVector.fromArray(DOUBLES, coefficient, s).mul(counts.add(beta)));
            sum.intoArray(prefixes, s);
        }
        double a = sum.lane(0);
        double b = sum.lane(1);
        double c = sum.lane(2);
        double d = sum.lane(3);
        double u = random.nextDouble() * (a + b + c + d);
        // [u, u - a, (u - a) - b, ((u - a) - b) - c], the scalar version's bounds bit for bit, built in
        // registers: four scalar stores read back as one vector would stall the draw (see set)
        DoubleVector below = DoubleVector.broadcast(DOUBLES, u);
        below = below.blend(below.sub(a), LANE_OF_DOUBLES.compare(VectorOperators.GE, 1));
        below = below.blend(below.sub(b), LANE_OF_DOUBLES.compare(VectorOperators.GE, 2));
        below = below.blend(below.sub(c), LANE_OF_DOUBLES.compare(VectorOperators.GE, 3));
        int topic = 0;
        for (int s = 0; s < run * LANES; s += LANES) {
            topic += DoubleVector.fromArray(DOUBLES, prefixes, s).compare(VectorOperators.LE, below).trueCount();
        }
        return Math.min(topic, k - 1);
    }

    @Override
    public void set(double[] values, int index, double value) {
        int group = index & -LANES;
        DoubleVector v = DoubleVector.fromArray(DOUBLES, values, group);
        v.blend(value, LANE_OF_DOUBLES.compare(VectorOperators.EQ, index - group)).intoArray(values, group);
    }

    @Override
    public void add(int[] counts, int index, int delta) {
        int group = index & -LANES;
        IntVector v = IntVector.fromArray(INTS, counts, group);
        v.blend(v.add(delta), LANE_OF_INTS.compare(VectorOperators.EQ, index - group)).intoArray(counts, group);
    }
}
