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
