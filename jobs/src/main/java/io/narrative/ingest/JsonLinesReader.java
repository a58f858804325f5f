package io.narrative.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.narrative.core.config.IngestConfig;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;

/**
 * JSON Lines: one JSON object per line; blank lines are not records. A line that does not parse, is not
 * an object or has no text field becomes a reject at its line number, and reading goes on.
 */
final class JsonLinesReader {
    private final IngestConfig config;
    private final FieldExtractor fields;
    private final TextDecoder decoder;
    private final ObjectMapper json;

    JsonLinesReader(IngestConfig config) {
        this.config = config;
        this.fields = new FieldExtractor(config.getFields());
        this.decoder = new TextDecoder(config.getFallbackCharsets());
        this.json = new ObjectMapper();
        json.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength((int) Math.min(Integer.MAX_VALUE, config.getMaxRecordBytes())).build());
    }

    RecordIterator read(InputFile file, Configuration conf) {
        return new RecordIterator() {
            private SniffedText text;
            private BoundedLineReader lines;
            private boolean failed;

            @Override
            protected RawRecord computeNext() throws IOException {
                if (failed) {
                    return null;
                }
                try {
                    if (lines == null) {
                        text = SniffedText.open(file, conf, config, decoder);
                        RawRecord notText = text.wholeFileReject(file);
                        if (notText != null) {
                            failed = true;
                            return notText;
                        }
                        lines = new BoundedLineReader(text.reader(), config.getMaxRecordBytes());
                    }
                    String line;
                    do {
                        line = lines.readLine();
                    } while (line != null && line != BoundedLineReader.TOO_LONG && line.isBlank());
                    if (line == null) {
                        failed = true;
                        return text.pendingFailure(file, lines.lineNumber() + 1);
                    }
                    return parse(file, lines.lineNumber(), line, text);
                } catch (IOException e) {
                    failed = true;
                    long position = lines == null ? 1 : lines.lineNumber() + 1;
                    return RawRecord.of(file, position).reject(InputStreams.reasonFor(e), e.getMessage(), null, 0);
                }
            }

            @Override
            public void close() throws IOException {
                if (text != null) {
                    text.close();
                }
            }
        };
    }

    private RawRecord parse(InputFile file, long position, String line, SniffedText text) {
        RawRecord record = RawRecord.of(file, position);
        int excerptChars = config.getExcerptChars();
        if (line == BoundedLineReader.TOO_LONG) {
            return record.reject(RejectReason.RECORD_TOO_LARGE, "more than " + config.getMaxRecordBytes()
                    + " characters", null, 0);
        }
        boolean nulsRemoved = line.indexOf('\u0000') >= 0;
        if (nulsRemoved) {
            // Raw NULs are not allowed in JSON; stray ones (fewer than the sniffer's binary bound) are dropped.
            line = line.replace("\u0000", "");
        }
        JsonNode node;
        try {
            node = json.readTree(line);
        } catch (JsonProcessingException e) {
            return record.reject(RejectReason.INVALID_JSON, e.getOriginalMessage(), line, excerptChars);
        }
        if (node == null || !node.isObject()) {
            return record.reject(RejectReason.NOT_JSON_OBJECT, node == null ? "empty"
                    : node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT), line, excerptChars);
        }
        if (!fields.fromJson(node, record)) {
            return record.reject(RejectReason.MISSING_TEXT, "looked for " + config.getFields().getText(), line,
                    excerptChars);
        }
        text.flag(record);
        if (nulsRemoved) {
            record.getFlags().add(TextDecoder.FLAG_NUL_BYTES_REMOVED);
        }
        if (line.indexOf('\uFFFD') >= 0) {
            record.getFlags().add("invalid_bytes_replaced");
        }
        return record;
    }
}
