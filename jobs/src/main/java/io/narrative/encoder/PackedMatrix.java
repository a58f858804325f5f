package io.narrative.encoder;

/**
 * A Q4_0 weight matrix W[nout][nin] dequantised once at load ((q - 8) x scale, exact in fp32) and laid out
 * for {@link Gemm}: panels of {@code width} consecutive output rows, each panel stored input-major
 * ({@code values[(panel * nin + k) * width + j] = W[panel * width + j][k]}), so the kernel streams one
 * contiguous array per panel. fp32 rather than the 4-bit blocks because the JVM has no byte dot-product
 * instruction to reach; the cost is 4 bytes per weight (85 MB for the whole encoder), once per JVM.
 */
final class PackedMatrix {
    final int nin;
    final int nout;
    final int width;
    final float[] values;
    final float[] bias;

    PackedMatrix(int nin, int nout, int width, float[] values, float[] bias) {
        this.nin = nin;
        this.nout = nout;
        this.width = width;
        this.values = values;
        this.bias = bias;
    }

    /** Stacks the row blocks (e.g. the Q, K and V matrices, which read the same input) into one matrix. */
    static PackedMatrix fromQ4(byte[][] blocks, float[][] biases, int[] rows, int nin, int width) {
        int nout = 0;
        for (int r : rows) {
            nout += r;
        }
        if (nout % width != 0) {
            throw new IllegalArgumentException("output size " + nout + " is not a multiple of " + width);
        }
        float[] packed = new float[nout * nin];
        float[] bias = new float[nout];
        float[] row = new float[nin];
        int o = 0;
        for (int m = 0; m < blocks.length; m++) {
            for (int r = 0; r < rows[m]; r++, o++) {
                Q4.dequantizeRow(blocks[m], r, nin, row);
                int panel = o / width;
                int j = o % width;
                int base = panel * nin * width + j;
                for (int k = 0; k < nin; k++) {
                    packed[base + k * width] = row[k];
                }
                bias[o] = biases[m][r];
            }
        }
        return new PackedMatrix(nin, nout, width, packed, bias);
    }

    /** W^T (nin x nout becomes the output x input shape), packed for the kernel, with no bias: for dx = dy W. */
    PackedMatrix transposed(int newWidth) {
        if (nin % newWidth != 0) {
            throw new IllegalArgumentException("input size " + nin + " is not a multiple of " + newWidth);
        }
        float[] packed = new float[nin * nout];
        for (int o = 0; o < nout; o++) {
            int panel = o / width;
            int j = o % width;
            for (int k = 0; k < nin; k++) {
                float w = values[(panel * nin + k) * width + j];
                packed[((k / newWidth) * nout + o) * newWidth + k % newWidth] = w;
            }
        }
        return new PackedMatrix(nout, nin, newWidth, packed, new float[nin]);
    }
}
