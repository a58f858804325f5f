package io.narrative.encoder;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD {@link Kernels}. The matrix product is a register-blocked kernel of 4 input rows x 2 vectors of outputs (8 accumulators),
 * one broadcast of an input value feeding two fused multiply-adds. Rows are taken in blocks that keep their
 * inputs in the core's cache while every panel of the matrix streams past them.
 */
final class VectorKernels implements Kernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int ROW_BLOCK = 64;
    private static final int BLOCK = ModelImage.BLOCK;
    /** 1.5 x 2^23: adding and subtracting it rounds an fp32 of magnitude below 2^22 to an integer. */
    private static final float ROUND = 12582912f;

    @Override
    public int panelWidth() {
        return 2 * L;
    }

    @Override
    public String name() {
        return "vector-" + S.vectorBitSize();
    }

    @Override
    public void multiply(float[] x, int rows, PackedMatrix w, float[] y) {
        int nin = w.nin;
        int nout = w.nout;
        int width = w.width;
        float[] v = w.values;
        int panels = nout / width;
        for (int r0 = 0; r0 < rows; r0 += ROW_BLOCK) {
            int r1 = Math.min(rows, r0 + ROW_BLOCK);
            for (int panel = 0; panel < panels; panel++) {
                int base = panel * nin * width;
                int o = panel * width;
                FloatVector bias0 = FloatVector.fromArray(S, w.bias, o);
                FloatVector bias1 = FloatVector.fromArray(S, w.bias, o + L);
                int r = r0;
                for (; r + 4 <= r1; r += 4) {
                    FloatVector a00 = bias0, a01 = bias1, a10 = bias0, a11 = bias1;
                    FloatVector a20 = bias0, a21 = bias1, a30 = bias0, a31 = bias1;
                    int x0 = r * nin;
                    int x1 = x0 + nin;
                    int x2 = x1 + nin;
                    int x3 = x2 + nin;
                    for (int k = 0, wk = base; k < nin; k++, wk += width) {
                        FloatVector w0 = FloatVector.fromArray(S, v, wk);
                        FloatVector w1 = FloatVector.fromArray(S, v, wk + L);
                        FloatVector b = FloatVector.broadcast(S, x[x0 + k]);
                        a00 = w0.fma(b, a00);
                        a01 = w1.fma(b, a01);
                        b = FloatVector.broadcast(S, x[x1 + k]);
                        a10 = w0.fma(b, a10);
                        a11 = w1.fma(b, a11);
                        b = FloatVector.broadcast(S, x[x2 + k]);
                        a20 = w0.fma(b, a20);
                        a21 = w1.fma(b, a21);
                        b = FloatVector.broadcast(S, x[x3 + k]);
                        a30 = w0.fma(b, a30);
                        a31 = w1.fma(b, a31);
                    }
                    int y0 = r * nout + o;
                    a00.intoArray(y, y0);
                    a01.intoArray(y, y0 + L);
                    a10.intoArray(y, y0 + nout);
                    a11.intoArray(y, y0 + nout + L);
                    a20.intoArray(y, y0 + 2 * nout);
                    a21.intoArray(y, y0 + 2 * nout + L);
                    a30.intoArray(y, y0 + 3 * nout);
                    a31.intoArray(y, y0 + 3 * nout + L);
                }
                for (; r < r1; r++) {
                    FloatVector a0 = bias0, a1 = bias1;
                    int x0 = r * nin;
                    for (int k = 0, wk = base; k < nin; k++, wk += width) {
                        FloatVector b = FloatVector.broadcast(S, x[x0 + k]);
                        a0 = FloatVector.fromArray(S, v, wk).fma(b, a0);
                        a1 = FloatVector.fromArray(S, v, wk + L).fma(b, a1);
                    }
                    a0.intoArray(y, r * nout + o);
                    a1.intoArray(y, r * nout + o + L);
                }
            }
        }
    }

    /** e5.c's rounding (see {@link Activations#quantize}), a block of 32 at a time. */
    @Override
    public void quantize(float[] x, int count) {
        // rint for |v| <= 127 by the 1.5 x 2^23 trick: adding it leaves no fraction bits, so the hardware's
        // round-to-nearest-even does the rounding, exactly as lrintf
        FloatVector magic = FloatVector.broadcast(S, ROUND);
        for (int b = 0; b < count; b += BLOCK) {
            FloatVector amax = FloatVector.zero(S);
            for (int j = b; j < b + BLOCK; j += L) {
                amax = amax.max(FloatVector.fromArray(S, x, j).abs());
            }
            float d = amax.reduceLanes(VectorOperators.MAX) / 127f;
            float inverse = d > 0f ? 1f / d : 0f;
            for (int j = b; j < b + BLOCK; j += L) {
                FloatVector v = FloatVector.fromArray(S, x, j).mul(inverse);
                v = v.add(magic).sub(magic).max(-128f).min(127f);
                v.mul(d).intoArray(x, j);
            }
        }
    }

    /**
     * e^x in fp32 lanes from IEEE-exact lane operations only (Cody-Waite reduction x = n ln2 + r, a degree-6
     * polynomial for e^r, the exponent bits for 2^n), about 1 ulp. Not VectorOperators.EXP: the JDK
     * computes that one with different code before and after the JIT compiles the loop, and the last-bit
     * differences flip e5's int8 rounding further on, so the same text would not encode the same twice.
     */
    private static FloatVector exp(FloatVector x) {
        FloatVector v = x.max(-87.0f).min(88.0f);
        FloatVector n = v.mul(1.44269504f).add(ROUND).sub(ROUND);
        FloatVector r = v.sub(n.mul(0.693359375f)).sub(n.mul(-2.12194440e-4f));
        FloatVector p = r.mul(1.3888889e-3f).add(8.3333333e-3f).mul(r).add(4.1666667e-2f).mul(r)
                .add(1.6666667e-1f).mul(r).add(0.5f).mul(r).add(1f).mul(r).add(1f);
        IntVector bits = ((IntVector) n.convert(VectorOperators.F2I, 0)).add(127).lanewise(VectorOperators.LSHL, 23);
        return p.mul(bits.reinterpretAsFloats());
    }

    /** GELU with the Numerical Recipes erfc fit of {@link Activations#erf}, in fp32 lanes. */
    @Override
    public void gelu(float[] x, int count) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        int i = 0;
        for (; i + L <= count; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            FloatVector z = v.mul(0.70710678f).abs();
            FloatVector t = one.div(z.mul(0.5f).add(1f));
            FloatVector poly = t.mul(0.17087277f).add(-0.82215223f).mul(t).add(1.48851587f).mul(t).add(-1.13520398f)
                    .mul(t).add(0.27886807f).mul(t).add(-0.18628806f).mul(t).add(0.09678418f).mul(t)
                    .add(0.37409196f).mul(t).add(1.00002368f).mul(t).add(-1.26551223f);
            FloatVector erfc = t.mul(exp(poly.sub(z.mul(z))));
            // erf(|u|) = 1 - erfc; gelu = 0.5 v (1 + sign(v) erf(|u|))
            FloatVector erfAbs = erfc.neg().add(1f);
            FloatVector erf = erfAbs.blend(erfAbs.neg(), v.lt(0f));
            v.mul(0.5f).mul(erf.add(1f)).intoArray(x, i);
        }
        for (; i < count; i++) {
            float v = x[i];
            x[i] = (float) (0.5 * v * (1.0 + Activations.erf(v * 0.7071067811865476)));
        }
    }
}
