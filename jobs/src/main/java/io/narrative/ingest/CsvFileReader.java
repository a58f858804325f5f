package io.narrative.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.narrative.core.config.IngestConfig;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * CSV (or TSV) with a header row. Quoted fields may hold delimiters and newlines. A row with a different
 * number of fields than the header is a reject; a parse error (an unbalanced quote) rejects the rest of
 * the file as one record, since where the next row starts can no longer be known.
 */
final class CsvFileReader {
    private final IngestConfig config;
    private final FieldExtractor fields;
    private final TextDecoder decoder;
    private final CsvMapper mapper;

    CsvFileReader(IngestConfig config) {
        this.config = config;
        this.fields = new FieldExtractor(config.getFields());
        this.decoder = new TextDecoder(config.getFallbackCharsets());
        this.mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength((int) Math.min(Integer.MAX_VALUE, config.getMaxRecordBytes())).build());
    }

    RecordIterator read(InputFile file, Configuration conf) {
        char delimiter = file.inputFormat() == InputFormat.TSV ? '\t' : config.getCsvDelimiter().charAt(0);
        return new RecordIterator() {
            private SniffedText text;
            private MappingIterator<String[]> rows;
            private String[] header;
            private long position;
            private boolean failed;

            @Override
            protected RawRecord computeNext() throws IOException {
                if (failed) {
                    return null;
                }
                try {
                    if (rows == null) {
                        text = SniffedText.open(file, conf, config, decoder);
                        RawRecord notText = text.wholeFileReject(file);
                        if (notText != null) {
                            failed = true;
                            return notText;
                        }
                        rows = mapper.readerFor(String[].class)
                                .with(CsvSchema.emptySchema().withColumnSeparator(delimiter))
                                .readValues(text.reader());
                        if (!rows.hasNextValue()) {
                            return pendingFailure();
                        }
                        header = rows.nextValue();
                    }
                    if (!rows.hasNextValue()) {
                        return pendingFailure();
                    }
                    String[] row = rows.nextValue();
                    position++;
                    return toRecord(file, position, row);
                } catch (JsonProcessingException e) {
                    failed = true;
                    return RawRecord.of(file, position + 1).reject(RejectReason.CSV_PARSE_ERROR,
                            e.getOriginalMessage(), null, 0);
                } catch (IOException e) {
                    failed = true;
                    return RawRecord.of(file, position + 1).reject(InputStreams.reasonFor(e), e.getMessage(), null, 0);
                } catch (RuntimeException e) {
                    // Jackson wraps parse errors met while looking ahead in RuntimeJsonMappingException.
                    failed = true;
                    return RawRecord.of(file, position + 1).reject(RejectReason.CSV_PARSE_ERROR, e.getMessage(),
                            null, 0);
                }
            }

            /** The end of the rows: reports a failure the sniffer saw that the parser did not meet again. */
            private RawRecord pendingFailure() {
                failed = true;
                return text.pendingFailure(file, position + 1);
            }

            @Override
            public void close() throws IOException {
                if (rows != null) {
                    rows.close();
                }
                if (text != null) {
                    text.close();
                }
            }

            private RawRecord toRecord(InputFile file, long position, String[] row) {
                RawRecord record = RawRecord.of(file, position);
                String joined = String.join(String.valueOf(delimiter), row);
                if (row.length != header.length) {
                    return record.reject(RejectReason.CSV_FIELD_COUNT, "expected " + header.length + " fields, got "
                            + row.length, joined, config.getExcerptChars());
                }
                Map<String, String> values = new HashMap<>();
                for (int i = 0; i < header.length; i++) {
                    values.putIfAbsent(header[i].strip(), row[i]);
                }
                if (!fields.fromColumns(values, record)) {
                    return record.reject(RejectReason.MISSING_TEXT, "header has none of "
                            + config.getFields().getText(), joined, config.getExcerptChars());
                }
                text.flag(record);
                return record;
            }
        };
    }
}
