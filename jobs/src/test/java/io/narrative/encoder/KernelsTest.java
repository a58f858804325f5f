package io.narrative.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The exact products behind attention and the adapters: the SIMD kernel must give the plain loops' bits
 * (the encoder's output may not depend on whether a JVM has the Vector API), and attention must still be
 * softmax attention.
 */
class KernelsTest {
    private final Kernels vector = new VectorKernels();
    private final Kernels scalar = new ScalarKernels();

    @Test
    void best_isTheSimdKernels_whenTheJvmHasTheVectorModule() {
        // the build's JVMs (tests, bin/narrative, Spark's launcher settings) all have it: falling back here
        // would not fail anything, only make the encoder several times slower
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
        assertEquals("VectorKernels", Kernels.best().getClass().getSimpleName());
    }

    @Test
    void multiplyAdd_givesThePlainLoopsBits_forEveryShapeAndLeavesTheRestAlone() {
        Random random = new Random(7);
        int shapes = 0;
        for (int rows = 1; rows <= 9; rows++) {
            for (int cols : new int[] {1, 7, 8, 16, 17, 31, 32, 33, 48, 70}) {
                for (int inner : new int[] {1, 5, 32}) {
                    // strided views with offsets, as attention reads one head out of the fused Q/K/V rows
                    int aOff = 3;
                    int aStride = inner + 5;
                    int bOff = 2;
                    int bStride = cols + 9;
                    int cOff = 1;
                    int cStride = cols + 4;
                    float[] a = gaussian(random, aOff + rows * aStride);
                    float[] b = gaussian(random, bOff + inner * bStride);
                    float[] c = gaussian(random, cOff + rows * cStride + 3);
                    float[] expected = c.clone();
                    for (int r = 0; r < rows; r++) {
                        for (int j = 0; j < cols; j++) {
                            float sum = expected[cOff + r * cStride + j];
                            for (int i = 0; i < inner; i++) {
                                sum += a[aOff + r * aStride + i] * b[bOff + i * bStride + j];
                            }
                            expected[cOff + r * cStride + j] = sum;
                        }
                    }
                    float[] bySimd = c.clone();
                    vector.multiplyAdd(a, aOff, aStride, b, bOff, bStride, bySimd, cOff, cStride, rows, inner, cols);
                    float[] byLoops = c.clone();
                    scalar.multiplyAdd(a, aOff, aStride, b, bOff, bStride, byLoops, cOff, cStride, rows, inner, cols);
                    String shape = rows + "x" + inner + "x" + cols;
                    assertArrayEquals(bits(expected), bits(bySimd), "SIMD, " + shape);
                    assertArrayEquals(bits(expected), bits(byLoops), "loops, " + shape);
                    shapes++;
                }
            }
        }
        assertEquals(9 * 10 * 3, shapes);
    }

    @Test
    void attention_isTheSameBitsWithEitherKernels_andIsSoftmaxAttentionWithinEachSequence() {
        int hidden = 64;
        int heads = 2;
        int headDim = hidden / heads;
        int[] starts = {0, 3, 20, 21, 58};
        int rows = starts[starts.length - 1];
        float[] qkv = gaussian(new Random(11), rows * 3 * hidden);
        Attention withSimd = new Attention(hidden, heads, vector);
        Attention withLoops = new Attention(hidden, heads, scalar);
        float[] context = new float[rows * hidden];
        float[] kept = new float[withSimd.probabilityCount(starts)];
        withSimd.apply(qkv, starts, context, kept);
        float[] context2 = new float[rows * hidden];
        float[] kept2 = new float[kept.length];
        withLoops.apply(qkv, starts, context2, kept2);
        assertArrayEquals(bits(context), bits(context2));
        assertArrayEquals(bits(kept), bits(kept2));

        // against softmax(q k / sqrt(d)) v in double, token by token, over its own sequence only
        int stride = 3 * hidden;
        for (int s = 0; s + 1 < starts.length; s++) {
            for (int t = starts[s]; t < starts[s + 1]; t++) {
                for (int h = 0; h < heads; h++) {
                    int n = starts[s + 1] - starts[s];
                    double[] w = new double[n];
                    double total = 0;
                    for (int u = 0; u < n; u++) {
                        double dot = 0;
                        for (int e = 0; e < headDim; e++) {
                            dot += qkv[t * stride + h * headDim + e]
                                    * qkv[(starts[s] + u) * stride + hidden + h * headDim + e];
                        }
                        w[u] = Math.exp(dot / Math.sqrt(headDim));
                        total += w[u];
                    }
                    for (int e = 0; e < headDim; e++) {
                        double expected = 0;
                        for (int u = 0; u < n; u++) {
                            expected += w[u] / total * qkv[(starts[s] + u) * stride + 2 * hidden + h * headDim + e];
                        }
                        float actual = context[t * hidden + h * headDim + e];
                        assertTrue(Math.abs(actual - expected) < 1e-4, "token " + t + " head " + h + " dim " + e
                                + ": " + actual + " vs " + expected);
                    }
                }
            }
        }
    }

    private static float[] gaussian(Random random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    private static int[] bits(float[] v) {
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Float.floatToRawIntBits(v[i]);
        }
        return b;
    }
}
