package io.narrative.ingest;

import java.util.ArrayList;
import java.util.List;
import lombok.Data;
import lombok.NoArgsConstructor;

/**
 * One record as read from an input file, with the document attributes picked by the field mapping. A
 * record the reader could not use carries a reject reason; it still counts as read.
 */
@Data
@NoArgsConstructor
public class RawRecord implements java.io.Serializable {
    private int inputIndex;
    private String inputRoot;
    private String inputPath;
    /** 1-based: line of a JSON Lines file, row of a CSV (header excluded) or Parquet file; 1 for a text file. */
    private long position;
    /** Identifies the record when it has no id: the relative path, plus {@code #position} in multi-record files. */
    private String locator;
    private String id;
    private String text;
    private String title;
    private String published;
    private String source;
    private String url;
    private String lang;
    private String rejectReason;
    private String rejectDetail;
    private String excerpt;
    private List<String> flags = new ArrayList<>();

    public static RawRecord of(InputFile file, long position) {
        RawRecord record = new RawRecord();
        record.setInputIndex(file.getInputIndex());
        record.setInputRoot(file.getInputRoot());
        record.setInputPath(file.getPath());
        record.setPosition(position);
        record.setLocator(file.multiRecord() ? file.getRelativePath() + "#" + position : file.getRelativePath());
        return record;
    }

    public RawRecord reject(RejectReason reason, String detail, String excerptText, int excerptChars) {
        this.rejectReason = reason.code();
        this.rejectDetail = detail == null ? reason.description() : reason.description() + ": " + detail;
        this.excerpt = Excerpts.of(excerptText, excerptChars);
        this.text = null;
        return this;
    }

    public boolean rejected() {
        return rejectReason != null;
    }
}
