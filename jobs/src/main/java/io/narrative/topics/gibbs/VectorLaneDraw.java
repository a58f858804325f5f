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
    /** Scratch for the four lanes' bounds (an instance serves one sampler, hence one thread). */
    private final double[] bounds = new double[LANES];

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
        double ub = u - a;
        double uc = ub - b;
        double ud = uc - c;
        bounds[0] = u;
        bounds[1] = ub;
        bounds[2] = uc;
        bounds[3] = ud;
        DoubleVector below = DoubleVector.fromArray(DOUBLES, bounds, 0);
        int topic = 0;
        for (int s = 0; s < run * LANES; s += LANES) {
            topic += DoubleVector.fromArray(DOUBLES, prefixes, s).compare(VectorOperators.LE, below).trueCount();
        }
        return Math.min(topic, k - 1);
    }
}
