package io.narrative.ingest;

import java.util.Locale;

/** Input formats, recognised by file name; any other file in a folder is read as plain text. */
public enum InputFormat {
    TEXT, JSONL, CSV, TSV, PARQUET;

    public static InputFormat ofFileName(String name) {
        String lower = stripCompression(name).toLowerCase(Locale.ROOT);
        if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson") || lower.endsWith(".json")) {
            return JSONL;
        }
        if (lower.endsWith(".csv")) {
            return CSV;
        }
        if (lower.endsWith(".tsv")) {
            return TSV;
        }
        if (lower.endsWith(".parquet")) {
            return PARQUET;
        }
        return TEXT;
    }

    public static boolean isGzip(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".gz");
    }

    private static String stripCompression(String name) {
        return isGzip(name) ? name.substring(0, name.length() - 3) : name;
    }

    /** Whether one file holds many records (so a record is located by its position as well as its path). */
    public boolean isMultiRecord() {
        return this != TEXT;
    }
}
