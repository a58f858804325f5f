package io.narrative.encoder;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD {@link Kernels}. The matrix product is a register-blocked kernel of 8 input rows x 2 vectors of
 * outputs (16 accumulators; one row at a time for the rest), one broadcast of an input value feeding two fused
 * multiply-adds. Rows are taken in blocks that keep their inputs in the core's cache while every panel of the
 * matrix streams past them.
 */
final class VectorKernels implements Kernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Rows whose inputs stay in cache while a matrix streams past them: a multiple of the 8-row kernel. */
    private static final int ROW_BLOCK = 64;
    private static final int BLOCK = ModelImage.BLOCK;
    /** 1.5 x 2^23: adding and subtracting it rounds an fp32 of magnitude below 2^22 to an integer. */
    private static final float ROUND = 12582912f;
    private static final int ROUND_BITS = Float.floatToRawIntBits(ROUND);

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
                for (; r + 8 <= r1; r += 8) {
                    multiplyEightRows(x, r * nin, nin, v, base, width, w.bias, o, y, r * nout + o, nout);
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

    /**
     * Eight rows of one panel from input offset {@code x0}, into y from {@code y0}: 16 running sums. Takes
     * the bias as an array and offset, not as vectors: a vector passed to a method the JIT does not inline is
     * boxed, and the kernel then runs about 40 times slower.
     */
    private static void multiplyEightRows(float[] x, int x0, int nin, float[] v, int base, int width, float[] bias,
            int o, float[] y, int y0, int nout) {
        FloatVector bias0 = FloatVector.fromArray(S, bias, o);
        FloatVector bias1 = FloatVector.fromArray(S, bias, o + L);
        FloatVector a00 = bias0, a01 = bias1, a10 = bias0, a11 = bias1, a20 = bias0, a21 = bias1;
        FloatVector a30 = bias0, a31 = bias1, a40 = bias0, a41 = bias1, a50 = bias0, a51 = bias1;
        FloatVector a60 = bias0, a61 = bias1, a70 = bias0, a71 = bias1;
        for (int k = 0, wk = base; k < nin; k++, wk += width) {
            FloatVector w0 = FloatVector.fromArray(S, v, wk);
            FloatVector w1 = FloatVector.fromArray(S, v, wk + L);
            FloatVector b = FloatVector.broadcast(S, x[x0 + k]);
            a00 = w0.fma(b, a00);
            a01 = w1.fma(b, a01);
            b = FloatVector.broadcast(S, x[x0 + nin + k]);
            a10 = w0.fma(b, a10);
            a11 = w1.fma(b, a11);
            b = FloatVector.broadcast(S, x[x0 + 2 * nin + k]);
            a20 = w0.fma(b, a20);
            a21 = w1.fma(b, a21);
            b = FloatVector.broadcast(S, x[x0 + 3 * nin + k]);
            a30 = w0.fma(b, a30);
            a31 = w1.fma(b, a31);
            b = FloatVector.broadcast(S, x[x0 + 4 * nin + k]);
            a40 = w0.fma(b, a40);
            a41 = w1.fma(b, a41);
            b = FloatVector.broadcast(S, x[x0 + 5 * nin + k]);
            a50 = w0.fma(b, a50);
            a51 = w1.fma(b, a51);
            b = FloatVector.broadcast(S, x[x0 + 6 * nin + k]);
            a60 = w0.fma(b, a60);
            a61 = w1.fma(b, a61);
            b = FloatVector.broadcast(S, x[x0 + 7 * nin + k]);
            a70 = w0.fma(b, a70);
            a71 = w1.fma(b, a71);
        }
        a00.intoArray(y, y0);
        a01.intoArray(y, y0 + L);
        a10.intoArray(y, y0 + nout);
        a11.intoArray(y, y0 + nout + L);
        a20.intoArray(y, y0 + 2 * nout);
        a21.intoArray(y, y0 + 2 * nout + L);
        a30.intoArray(y, y0 + 3 * nout);
        a31.intoArray(y, y0 + 3 * nout + L);
        a40.intoArray(y, y0 + 4 * nout);
        a41.intoArray(y, y0 + 4 * nout + L);
        a50.intoArray(y, y0 + 5 * nout);
        a51.intoArray(y, y0 + 5 * nout + L);
        a60.intoArray(y, y0 + 6 * nout);
        a61.intoArray(y, y0 + 6 * nout + L);
        a70.intoArray(y, y0 + 7 * nout);
        a71.intoArray(y, y0 + 7 * nout + L);
    }

    /**
     * Blocks of 4 rows x 2 vectors of columns (8 running sums in registers), then 4 x 1, then one row at a
     * time; the columns past the last whole vector by plain loops. Each sum takes its terms in order with a
     * separate multiply and add, as {@link ScalarKernels} does, so the bits are the same.
     */
    @Override
    public void multiplyAdd(float[] a, int aOff, int aStride, float[] b, int bOff, int bStride, float[] c, int cOff,
            int cStride, int rows, int inner, int cols) {
        int vectorCols = cols - cols % L;
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            int a0 = aOff + r * aStride;
            int a1 = a0 + aStride;
            int a2 = a1 + aStride;
            int a3 = a2 + aStride;
            int c0 = cOff + r * cStride;
            int c1 = c0 + cStride;
            int c2 = c1 + cStride;
            int c3 = c2 + cStride;
            int j = 0;
            for (; j + 2 * L <= vectorCols; j += 2 * L) {
                FloatVector s00 = FloatVector.fromArray(S, c, c0 + j);
                FloatVector s01 = FloatVector.fromArray(S, c, c0 + j + L);
                FloatVector s10 = FloatVector.fromArray(S, c, c1 + j);
                FloatVector s11 = FloatVector.fromArray(S, c, c1 + j + L);
                FloatVector s20 = FloatVector.fromArray(S, c, c2 + j);
                FloatVector s21 = FloatVector.fromArray(S, c, c2 + j + L);
                FloatVector s30 = FloatVector.fromArray(S, c, c3 + j);
                FloatVector s31 = FloatVector.fromArray(S, c, c3 + j + L);
                for (int i = 0, bi = bOff + j; i < inner; i++, bi += bStride) {
                    FloatVector b0 = FloatVector.fromArray(S, b, bi);
                    FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
                    float x = a[a0 + i];
                    s00 = s00.add(b0.mul(x));
                    s01 = s01.add(b1.mul(x));
                    x = a[a1 + i];
                    s10 = s10.add(b0.mul(x));
                    s11 = s11.add(b1.mul(x));
                    x = a[a2 + i];
                    s20 = s20.add(b0.mul(x));
                    s21 = s21.add(b1.mul(x));
                    x = a[a3 + i];
                    s30 = s30.add(b0.mul(x));
                    s31 = s31.add(b1.mul(x));
                }
                s00.intoArray(c, c0 + j);
                s01.intoArray(c, c0 + j + L);
                s10.intoArray(c, c1 + j);
                s11.intoArray(c, c1 + j + L);
                s20.intoArray(c, c2 + j);
                s21.intoArray(c, c2 + j + L);
                s30.intoArray(c, c3 + j);
                s31.intoArray(c, c3 + j + L);
            }
            for (; j < vectorCols; j += L) {
                FloatVector s0 = FloatVector.fromArray(S, c, c0 + j);
                FloatVector s1 = FloatVector.fromArray(S, c, c1 + j);
                FloatVector s2 = FloatVector.fromArray(S, c, c2 + j);
                FloatVector s3 = FloatVector.fromArray(S, c, c3 + j);
                for (int i = 0, bi = bOff + j; i < inner; i++, bi += bStride) {
                    FloatVector b0 = FloatVector.fromArray(S, b, bi);
                    s0 = s0.add(b0.mul(a[a0 + i]));
                    s1 = s1.add(b0.mul(a[a1 + i]));
                    s2 = s2.add(b0.mul(a[a2 + i]));
                    s3 = s3.add(b0.mul(a[a3 + i]));
                }
                s0.intoArray(c, c0 + j);
                s1.intoArray(c, c1 + j);
                s2.intoArray(c, c2 + j);
                s3.intoArray(c, c3 + j);
            }
        }
        for (; r < rows; r++) {
            int ar = aOff + r * aStride;
            int cr = cOff + r * cStride;
            for (int j = 0; j < vectorCols; j += L) {
                FloatVector s0 = FloatVector.fromArray(S, c, cr + j);
                for (int i = 0, bi = bOff + j; i < inner; i++, bi += bStride) {
                    s0 = s0.add(FloatVector.fromArray(S, b, bi).mul(a[ar + i]));
                }
                s0.intoArray(c, cr + j);
            }
        }
        if (vectorCols < cols) {
            ScalarKernels.multiplyAddColumns(a, aOff, aStride, b, bOff, bStride, c, cOff, cStride, rows, inner,
                    vectorCols, cols);
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
        FloatVector shifted = v.mul(1.44269504f).add(ROUND);
        FloatVector n = shifted.sub(ROUND);
        FloatVector r = v.sub(n.mul(0.693359375f)).sub(n.mul(-2.12194440e-4f));
        FloatVector p = r.mul(1.3888889e-3f).add(8.3333333e-3f).mul(r).add(4.1666667e-2f).mul(r)
                .add(1.6666667e-1f).mul(r).add(0.5f).mul(r).add(1f).mul(r).add(1f);
        // n as an integer without a float-to-int conversion (Java 17 leaves convert(F2I) on 512-bit vectors to
        // a slow path): n + 1.5 x 2^23 holds n in its low mantissa bits, above the bits of ROUND itself
        IntVector bits = shifted.reinterpretAsInts().sub(ROUND_BITS - 127).lanewise(VectorOperators.LSHL, 23);
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
