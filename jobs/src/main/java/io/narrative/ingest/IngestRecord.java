package io.narrative.ingest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lombok.Data;
import lombok.NoArgsConstructor;

/**
 * A record on its way through the ingest stage: cleaned into paragraphs, then completed into a document
 * or marked as a reject. The documents and rejects tables are projections of it.
 */
@Data
@NoArgsConstructor
public class IngestRecord {
    private int inputIndex;
    private String inputRoot;
    private String inputPath;
    private long position;
    private String docId;
    private String source;
    private String url;
    private String title;
    private String publishedRaw;
    private LocalDate published;
    private String declaredLang;
    private String lang;
    private Map<String, Double> langShares;
    private List<String> paragraphLangs;
    private List<String> paragraphs;
    /** Keys of the short paragraphs (boilerplate candidates), one per distinct paragraph. */
    private List<Long> shortParagraphKeys;
    private int boilerplateRemoved;
    private String text;
    private int nChars;
    private String contentHash;
    private List<String> flags = new ArrayList<>();
    private String reason;
    private String detail;
    private String excerpt;

    public boolean rejected() {
        return reason != null;
    }
}
