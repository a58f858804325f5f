package io.narrative.encoder;

/**
 * The encoder's arithmetic kernels: the matrix product {@code y[rows][nout] = x[rows][nin] . W^T + bias} for
 * a {@link PackedMatrix}, e5.c's int8 rounding of activations, and GELU. Two implementations with the same
 * results up to fp32 rounding: SIMD through the JDK's Vector API when the JVM was started with
 * {@code --add-modules=jdk.incubator.vector} (bin/narrative and Spark's own launcher pass it), and plain
 * loops otherwise, so the job never fails for want of a JVM flag, only slows down.
 */
interface Kernels {
    void multiply(float[] x, int rows, PackedMatrix w, float[] y);

    /** See {@link Activations#quantize}. */
    void quantize(float[] x, int count);

    /** See {@link Activations#gelu}. */
    void gelu(float[] x, int count);

    /** Output rows per panel that {@link #multiply} wants. */
    int panelWidth();

    String name();

    static Kernels best() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                return (Kernels) Class.forName("io.narrative.encoder.VectorKernels").getDeclaredConstructor()
                        .newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                return new ScalarKernels();
            }
        }
        return new ScalarKernels();
    }
}
