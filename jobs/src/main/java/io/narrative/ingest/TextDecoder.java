package io.narrative.ingest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Decides how bytes become text: byte-order marks first, then strict UTF-8, then the configured fallback
 * single-byte charsets, choosing the one whose output looks most like natural text. Binary content is
 * recognised by well-known file signatures and by NUL bytes; a few stray NUL bytes in otherwise valid text
 * (a crawler's or an editor's accident) are repairable: they are dropped and the document flagged.
 */
public final class TextDecoder {
    /** Result of decoding: the text, the charset used, whether it was a fallback, NUL bytes dropped. */
    public record Decoded(String text, Charset charset, boolean fallback, int nulBytesRemoved) {
    }

    /** The flag of a document whose text had stray NUL bytes, dropped before decoding. */
    static final String FLAG_NUL_BYTES_REMOVED = "nul_bytes_removed";

    private final List<Charset> fallbacks;

    public TextDecoder(List<String> fallbackCharsets) {
        this.fallbacks = fallbackCharsets.stream().map(Charset::forName).toList();
    }

    /** The flag a document gets when it was decoded with a fallback charset. */
    static String decodedAsFlag(Charset charset) {
        return "decoded_as_" + charset.name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * NUL bytes a text of {@code length} bytes may carry and still be repaired: a handful, and one per
     * thousand bytes in long texts. Text in UTF-16 without a byte-order mark (every other byte NUL) and binary
     * formats have far more.
     */
    static int repairableNulBytes(int length) {
        return 4 + length / 1000;
    }

    /**
     * A short description when the bytes look binary, else empty: a known signature in the first 8 KiB, or
     * more NUL bytes than {@link #repairableNulBytes} in all {@code length} bytes.
     */
    public static Optional<String> binaryKind(byte[] bytes, int length) {
        int n = Math.min(length, 8192);
        if (startsWith(bytes, n, 0x89, 'P', 'N', 'G')) {
            return Optional.of("PNG image");
        }
        if (startsWith(bytes, n, 0xFF, 0xD8, 0xFF)) {
            return Optional.of("JPEG image");
        }
        if (startsWith(bytes, n, 'G', 'I', 'F', '8')) {
            return Optional.of("GIF image");
        }
        if (startsWith(bytes, n, 'P', 'K', 3, 4) || startsWith(bytes, n, 'P', 'K', 5, 6)) {
            return Optional.of("zip archive");
        }
        if (startsWith(bytes, n, '%', 'P', 'D', 'F')) {
            return Optional.of("PDF document");
        }
        if (startsWith(bytes, n, 0x1F, 0x8B)) {
            return Optional.of("gzip data inside a file without a .gz name");
        }
        if (bomCharset(bytes, n).isPresent()) {
            return Optional.empty();
        }
        int nuls = countNuls(bytes, length);
        return nuls > repairableNulBytes(length)
                ? Optional.of("binary data (" + nuls + " NUL bytes in " + length + ")") : Optional.empty();
    }

    private static int countNuls(byte[] bytes, int length) {
        int nuls = 0;
        for (int i = 0; i < length; i++) {
            if (bytes[i] == 0) {
                nuls++;
            }
        }
        return nuls;
    }

    /** Drops NUL bytes in place (safe in UTF-8 and single-byte charsets: no other character has one); the new length. */
    private static int removeNuls(byte[] bytes, int length) {
        int kept = 0;
        for (int i = 0; i < length; i++) {
            if (bytes[i] != 0) {
                bytes[kept++] = bytes[i];
            }
        }
        return kept;
    }

    /**
     * Decodes a whole record, or empty when no charset gives plausible text. Without a UTF-16 byte-order
     * mark, NUL bytes are dropped first (at most {@link #repairableNulBytes} of them reach here: more is
     * binary), from a copy.
     */
    public Optional<Decoded> decode(byte[] bytes, int length) {
        Optional<Charset> bom = bomCharset(bytes, length);
        if (bom.isPresent() && bom.get() != StandardCharsets.UTF_8) {
            return strict(bytes, 2, length - 2, bom.get()).map(t -> new Decoded(t, bom.get(), false, 0));
        }
        int removed = countNuls(bytes, length);
        if (removed > 0) {
            bytes = Arrays.copyOf(bytes, length);
            length = removeNuls(bytes, length);
        }
        if (bom.isPresent()) {
            return strict(bytes, 3, length - 3, bom.get()).map(t -> new Decoded(t, bom.get(), false, removed));
        }
        Optional<String> utf8 = strict(bytes, 0, length, StandardCharsets.UTF_8);
        if (utf8.isPresent()) {
            return Optional.of(new Decoded(utf8.get(), StandardCharsets.UTF_8, false, removed));
        }
        Decoded best = null;
        double bestScore = 0.0;
        for (Charset charset : fallbacks) {
            Optional<String> text = strict(bytes, 0, length, charset);
            if (text.isEmpty()) {
                continue;
            }
            double score = plausibility(text.get());
            if (score > bestScore) {
                best = new Decoded(text.get(), charset, true, removed);
                bestScore = score;
            }
        }
        return bestScore >= 0.8 ? Optional.of(best) : Optional.empty();
    }

    /** The charset named by a byte-order mark at the start, if any. */
    public static Optional<Charset> bomCharset(byte[] b, int n) {
        if (startsWith(b, n, 0xEF, 0xBB, 0xBF)) {
            return Optional.of(StandardCharsets.UTF_8);
        }
        if (startsWith(b, n, 0xFF, 0xFE)) {
            return Optional.of(StandardCharsets.UTF_16LE);
        }
        if (startsWith(b, n, 0xFE, 0xFF)) {
            return Optional.of(StandardCharsets.UTF_16BE);
        }
        return Optional.empty();
    }

    /**
     * Share of characters that look like text in one script: letters of a non-Latin script or plain ASCII
     * letters count, accented Latin letters and symbols (what a wrong single-byte charset produces from
     * Arabic or Cyrillic bytes) do not. Whitespace, digits and ASCII punctuation are neutral.
     */
    static double plausibility(String text) {
        long good = 0;
        long counted = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80 && !Character.isLetter(c)) {
                continue;
            }
            counted++;
            if (c < 0x80 || (Character.isLetter(c) && Character.UnicodeScript.of(c) != Character.UnicodeScript.LATIN)) {
                good++;
            }
        }
        return counted == 0 ? 1.0 : (double) good / counted;
    }

    private static Optional<String> strict(byte[] bytes, int offset, int length, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes, offset, Math.max(0, length)));
            return Optional.of(chars.toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static boolean startsWith(byte[] bytes, int length, int... prefix) {
        if (length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != (prefix[i] & 0xFF)) {
                return false;
            }
        }
        return true;
    }
}
