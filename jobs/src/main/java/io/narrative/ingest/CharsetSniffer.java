package io.narrative.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Looks at the first 64 KiB of a multi-record file (JSON Lines, CSV) to tell binary content from text
 * and pick its charset, then rewinds the stream.
 */
final class CharsetSniffer {
    static final int SAMPLE_BYTES = 1 << 16;

    /** The sniffed charset, or the reason the file cannot be read as text. */
    record Sniffed(Charset charset, boolean fallback, RejectReason problem, String detail, IOException pending) {
        boolean ok() {
            return problem == null;
        }
    }

    private CharsetSniffer() {
    }

    /** {@code in} must support mark/reset (a BufferedInputStream). */
    static Sniffed sniff(InputStream in, TextDecoder decoder) throws IOException {
        in.mark(SAMPLE_BYTES + 1);
        byte[] sample = new byte[SAMPLE_BYTES];
        int length = 0;
        IOException pending = null;
        try {
            int n;
            while (length < SAMPLE_BYTES && (n = in.read(sample, length, SAMPLE_BYTES - length)) > 0) {
                length += n;
            }
        } catch (IOException e) {
            // A truncated or oversized file: sniff what was read; the reader reports the failure where it
            // meets it, or at the end if the stream does not fail again.
            pending = e;
        }
        in.reset();
        Optional<String> binary = TextDecoder.binaryKind(sample, length);
        if (binary.isPresent()) {
            return new Sniffed(null, false, RejectReason.BINARY_CONTENT, binary.get(), null);
        }
        Optional<Charset> bom = TextDecoder.bomCharset(sample, length);
        if (bom.isPresent()) {
            int skip = bom.get() == StandardCharsets.UTF_8 ? 3 : 2;
            in.skip(skip);
            return new Sniffed(bom.get(), false, null, null, pending);
        }
        // A sample cut in the middle of a multi-byte character is still UTF-8: drop up to 3 trailing bytes.
        for (int cut = 0; cut <= Math.min(3, length); cut++) {
            Optional<TextDecoder.Decoded> decoded = decoder.decode(sample, length - cut);
            if (decoded.isPresent()) {
                return new Sniffed(decoded.get().charset(), decoded.get().fallback(), null, null, pending);
            }
            if (length < SAMPLE_BYTES && pending == null) {
                break;
            }
        }
        return pending != null ? new Sniffed(null, false, InputStreams.reasonFor(pending), pending.getMessage(), null)
                : new Sniffed(null, false, RejectReason.UNDECODABLE_TEXT, null, null);
    }
}
