package io.narrative.ingest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Decides how bytes become text: byte-order marks first, then strict UTF-8, then the configured fallback
 * single-byte charsets, choosing the one whose output looks most like natural text. Binary content is
 * recognised by NUL bytes and well-known file signatures.
 */
public final class TextDecoder {
    /** Result of decoding: the text, the charset used, and whether it was a fallback. */
    public record Decoded(String text, Charset charset, boolean fallback) {
    }

    private final List<Charset> fallbacks;

    public TextDecoder(List<String> fallbackCharsets) {
        this.fallbacks = fallbackCharsets.stream().map(Charset::forName).toList();
    }

    /** The flag a document gets when it was decoded with a fallback charset. */
    static String decodedAsFlag(Charset charset) {
        return "decoded_as_" + charset.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** A short description when the bytes look binary, else empty. Looks at the first 8 KiB only. */
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
        for (int i = 0; i < n; i++) {
            if (bytes[i] == 0) {
                return Optional.of("binary data (NUL bytes)");
            }
        }
        return Optional.empty();
    }

    /** Decodes a whole record, or empty when no charset gives plausible text. */
    public Optional<Decoded> decode(byte[] bytes, int length) {
        Optional<Charset> bom = bomCharset(bytes, length);
        if (bom.isPresent()) {
            int skip = bom.get() == StandardCharsets.UTF_8 ? 3 : 2;
            return strict(bytes, skip, length - skip, bom.get()).map(t -> new Decoded(t, bom.get(), false));
        }
        Optional<String> utf8 = strict(bytes, 0, length, StandardCharsets.UTF_8);
        if (utf8.isPresent()) {
            return Optional.of(new Decoded(utf8.get(), StandardCharsets.UTF_8, false));
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
                best = new Decoded(text.get(), charset, true);
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
