package io.narrative.encoder;

/**
 * What one block's forward pass keeps for its backward pass (training only): its input, the fused
 * query/key/value rows, the attention probabilities, the attention context before rounding, the LayerNorms'
 * normalised values and inverse deviations, the first LayerNorm's output, the feed-forward values before and
 * after GELU (before rounding), and each adapted product's A x.
 */
final class BlockTrace {
    final float[] input;
    final float[] qkv;
    final float[] probabilities;
    final float[] context;
    final float[] normalized1;
    final float[] inverseStd1;
    final float[] norm1;
    final float[] preGelu;
    final float[] gelu;
    final float[] normalized2;
    final float[] inverseStd2;
    final float[][] adapterInner = new float[Adapter.MATRICES][];

    BlockTrace(float[] input, int rows, int hidden, int ffn, int probabilities) {
        this.input = input.clone();
        qkv = new float[rows * 3 * hidden];
        this.probabilities = new float[probabilities];
        context = new float[rows * hidden];
        normalized1 = new float[rows * hidden];
        inverseStd1 = new float[rows];
        norm1 = new float[rows * hidden];
        preGelu = new float[rows * ffn];
        gelu = new float[rows * ffn];
        normalized2 = new float[rows * hidden];
        inverseStd2 = new float[rows];
    }
}
