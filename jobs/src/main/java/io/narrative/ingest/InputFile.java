package io.narrative.ingest;

import lombok.Data;
import lombok.NoArgsConstructor;

/** One file to read, found under one {@code --input}. */
@Data
@NoArgsConstructor
public class InputFile implements java.io.Serializable {
    private int inputIndex;
    private String inputRoot;
    /** Fully qualified path of the file. */
    private String path;
    /** Path relative to the input root (the file name when the input is a single file). */
    private String relativePath;
    private String format;
    private boolean gzip;
    private long size;

    public InputFormat inputFormat() {
        return InputFormat.valueOf(format);
    }

    public boolean multiRecord() {
        return inputFormat().isMultiRecord();
    }
}
