package io.narrative.encoder;

import io.narrative.core.VectorApi;
import java.lang.invoke.MethodHandles;

/**
 * The encoder's arithmetic kernels: the matrix product {@code y[rows][nout] = x[rows][nin] . W^T + bias} for
 * a {@link PackedMatrix}, an exact small product for attention and the adapters, e5.c's int8 rounding of
 * activations, and GELU. Two implementations with the same
 * results up to fp32 rounding: SIMD through the JDK's Vector API when the JVM was started with
 * {@code --add-modules=jdk.incubator.vector} (bin/narrative and Spark's own launcher pass it), and plain
 * loops otherwise, so the job never fails for want of a JVM flag, only slows down.
 */
interface Kernels {
    void multiply(float[] x, int rows, PackedMatrix w, float[] y);

    /**
     * {@code c[r][j] += a[r][0] b[0][j] + a[r][1] b[1][j] + ...} for r < rows, j < cols, over {@code inner}
     * terms, each product rounded to fp32 and then added to the running value in that order (no fused
     * multiply-add): exactly what the plain loop computes, so both implementations give the same bits. The
     * matrices are strided views into their arrays: element (r, i) of {@code a} is
     * {@code a[aOff + r * aStride + i]}, and likewise for b and c.
     */
    void multiplyAdd(float[] a, int aOff, int aStride, float[] b, int bOff, int bStride, float[] c, int cOff,
            int cStride, int rows, int inner, int cols);

    /** See {@link Activations#quantize}. */
    void quantize(float[] x, int count);

    /** See {@link Activations#gelu}. */
    void gelu(float[] x, int count);

    /** Output rows per panel that {@link #multiply} wants. */
    int panelWidth();

    String name();

    static Kernels best() {
        return VectorApi.implementation(MethodHandles.lookup(), Kernels.class, "io.narrative.encoder.VectorKernels",
                ScalarKernels::new);
    }
}
