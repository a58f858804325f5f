package io.narrative.ingest;

import io.narrative.core.config.IngestConfig;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/**
 * A text file is one document: its title is the first non-empty line, its id the path relative to the
 * input root, its source the first folder of that path (none for files directly in the root).
 */
final class TextFileReader {
    private final IngestConfig config;
    private final TextDecoder decoder;

    TextFileReader(IngestConfig config) {
        this.config = config;
        this.decoder = new TextDecoder(config.getFallbackCharsets());
    }

    RawRecord read(InputFile file, Configuration conf) {
        RawRecord record = RawRecord.of(file, 1);
        record.setSource(sourceOf(file.getRelativePath()));
        long max = config.getMaxRecordBytes();
        if (!file.isGzip() && file.getSize() > max) {
            return record.reject(RejectReason.RECORD_TOO_LARGE, file.getSize() + " bytes", null, 0);
        }
        byte[] buffer;
        int length;
        try (InputStream in = InputStreams.open(file, conf, config.getMaxDecompressedBytes(),
                config.readTimeoutMillis())) {
            buffer = new byte[(int) Math.min(max + 1, Math.max(file.getSize(), 8192) + 1)];
            length = 0;
            int n;
            while (length <= max && (n = in.read(buffer, length, buffer.length - length)) > 0) {
                length += n;
                if (length == buffer.length && length <= max) {
                    buffer = java.util.Arrays.copyOf(buffer, (int) Math.min(max + 1, (long) buffer.length * 2));
                }
            }
        } catch (IOException e) {
            return record.reject(InputStreams.reasonFor(e), e.getMessage(), null, 0);
        }
        if (length > max) {
            return record.reject(RejectReason.RECORD_TOO_LARGE, "more than " + max + " bytes", null, 0);
        }
        Optional<String> binary = TextDecoder.binaryKind(buffer, length);
        if (binary.isPresent()) {
            return record.reject(RejectReason.BINARY_CONTENT, binary.get(), null, 0);
        }
        Optional<TextDecoder.Decoded> decoded = decoder.decode(buffer, length);
        if (decoded.isEmpty()) {
            return record.reject(RejectReason.UNDECODABLE_TEXT, null,
                    new String(buffer, 0, Math.min(length, 4 * config.getExcerptChars()),
                            java.nio.charset.StandardCharsets.UTF_8), config.getExcerptChars());
        }
        String text = decoded.get().text();
        if (decoded.get().fallback()) {
            record.getFlags().add(TextDecoder.decodedAsFlag(decoded.get().charset()));
        }
        if (decoded.get().nulBytesRemoved() > 0) {
            record.getFlags().add(TextDecoder.FLAG_NUL_BYTES_REMOVED);
        }
        record.setText(text);
        record.setTitle(firstNonEmptyLine(text));
        return record;
    }

    static String sourceOf(String relativePath) {
        int slash = relativePath.indexOf('/');
        return slash > 0 ? relativePath.substring(0, slash) : null;
    }

    static String firstNonEmptyLine(String text) {
        for (String line : text.split("\\R")) {
            String clean = TextCleaner.singleLine(line);
            if (clean != null) {
                return clean;
            }
        }
        return null;
    }
}
