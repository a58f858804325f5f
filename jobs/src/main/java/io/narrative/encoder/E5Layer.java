package io.narrative.encoder;

/** One transformer block's weights: fused Q/K/V, attention output, the two feed-forward matrices, two LayerNorms. */
record E5Layer(PackedMatrix qkv, PackedMatrix attentionOut, float[] attentionNormWeight, float[] attentionNormBias,
        PackedMatrix ffnIn, PackedMatrix ffnOut, float[] outputNormWeight, float[] outputNormBias) {

    static E5Layer read(ModelImage image, int l, int width) {
        int h = image.hidden;
        int ff = image.ffn;
        String p = "l" + l + ".";
        PackedMatrix qkv = PackedMatrix.fromQ4(
                new byte[][] {image.q4Blocks(p + "q.w", (long) h * h), image.q4Blocks(p + "k.w", (long) h * h),
                    image.q4Blocks(p + "v.w", (long) h * h)},
                new float[][] {image.floats(p + "q.b", h), image.floats(p + "k.b", h), image.floats(p + "v.b", h)},
                new int[] {h, h, h}, h, width);
        PackedMatrix ao = PackedMatrix.fromQ4(new byte[][] {image.q4Blocks(p + "ao.w", (long) h * h)},
                new float[][] {image.floats(p + "ao.b", h)}, new int[] {h}, h, width);
        PackedMatrix fi = PackedMatrix.fromQ4(new byte[][] {image.q4Blocks(p + "fi.w", (long) ff * h)},
                new float[][] {image.floats(p + "fi.b", ff)}, new int[] {ff}, h, width);
        PackedMatrix fo = PackedMatrix.fromQ4(new byte[][] {image.q4Blocks(p + "fo.w", (long) h * ff)},
                new float[][] {image.floats(p + "fo.b", h)}, new int[] {h}, ff, width);
        return new E5Layer(qkv, ao, image.floats(p + "aln.w", h), image.floats(p + "aln.b", h), fi, fo,
                image.floats(p + "oln.w", h), image.floats(p + "oln.b", h));
    }
}
