package io.narrative.ingest;

import java.util.Locale;

/** Why a record did not become a document. The code is what {@code rejects.reason} holds. */
public enum RejectReason {
    INVALID_JSON("the line is not valid JSON"),
    NOT_JSON_OBJECT("the line is JSON but not an object"),
    CSV_FIELD_COUNT("the CSV row has a different number of fields than the header"),
    CSV_PARSE_ERROR("the CSV could not be parsed from here on (often an unbalanced quote)"),
    MISSING_TEXT("none of the configured text fields is present"),
    EMPTY_TEXT("no text is left after cleaning"),
    TOO_LONG("the text is longer than ingest.max_chars"),
    RECORD_TOO_LARGE("the record is larger than ingest.max_record_bytes and was not read"),
    BINARY_CONTENT("the file is binary (an image, an archive, a PDF...), not text"),
    UNDECODABLE_TEXT("the bytes are not text in UTF-8 or any of ingest.fallback_charsets"),
    TRUNCATED_COMPRESSED("the compressed file ends early or is corrupt; records before this point were kept"),
    DECOMPRESSION_LIMIT("the compressed file expands beyond ingest.max_decompressed_bytes; the rest was not read"),
    UNREADABLE_FILE("the file or directory cannot be read"),
    NOT_A_REGULAR_FILE("a named pipe, socket or device: never opened, since reading one can block for ever"),
    READ_TIMEOUT("reading the file took longer than ingest.read_timeout_seconds; records before this point were kept"),
    UNREADABLE_PARQUET("the Parquet file cannot be read"),
    DUPLICATE_ID("another record already has this id; the first one was kept");

    private final String description;

    RejectReason(String description) {
        this.description = description;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String description() {
        return description;
    }
}
