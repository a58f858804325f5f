package io.narrative.encoder;

/** The portable {@link Kernels}: plain loops, for a JVM without the Vector API module. */
final class ScalarKernels implements Kernels {
    static final int WIDTH = 16;

    @Override
    public int panelWidth() {
        return WIDTH;
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void quantize(float[] x, int count) {
        Activations.quantize(x, count);
    }

    @Override
    public void gelu(float[] x, int count) {
        Activations.gelu(x, count);
    }

    @Override
    public void multiplyAdd(float[] a, int aOff, int aStride, float[] b, int bOff, int bStride, float[] c, int cOff,
            int cStride, int rows, int inner, int cols) {
        multiplyAddColumns(a, aOff, aStride, b, bOff, bStride, c, cOff, cStride, rows, inner, 0, cols);
    }

    /** {@link #multiplyAdd} for the columns [from, to) only: also the SIMD kernel's ragged edge. */
    static void multiplyAddColumns(float[] a, int aOff, int aStride, float[] b, int bOff, int bStride, float[] c,
            int cOff, int cStride, int rows, int inner, int from, int to) {
        for (int r = 0; r < rows; r++) {
            int ar = aOff + r * aStride;
            int cr = cOff + r * cStride;
            for (int j = from; j < to; j++) {
                float sum = c[cr + j];
                for (int i = 0, bi = bOff + j; i < inner; i++, bi += bStride) {
                    sum += a[ar + i] * b[bi];
                }
                c[cr + j] = sum;
            }
        }
    }

    @Override
    public void multiply(float[] x, int rows, PackedMatrix w, float[] y) {
        int nin = w.nin;
        int nout = w.nout;
        int width = w.width;
        float[] acc = new float[width];
        for (int panel = 0; panel < nout / width; panel++) {
            int base = panel * nin * width;
            int o = panel * width;
            for (int r = 0; r < rows; r++) {
                System.arraycopy(w.bias, o, acc, 0, width);
                int xr = r * nin;
                for (int k = 0; k < nin; k++) {
                    float xv = x[xr + k];
                    int wk = base + k * width;
                    for (int j = 0; j < width; j++) {
                        acc[j] += xv * w.values[wk + j];
                    }
                }
                System.arraycopy(acc, 0, y, r * nout + o, width);
            }
        }
    }
}
