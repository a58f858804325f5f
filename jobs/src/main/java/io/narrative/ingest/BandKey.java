package io.narrative.ingest;

import lombok.AllArgsConstructor;
import lombok.Data;
import lombok.NoArgsConstructor;

/** One LSH band of one document: documents with the same band and key are near-duplicate candidates. */
@Data
@NoArgsConstructor
@AllArgsConstructor
public class BandKey {
    private String docId;
    private int inputIndex;
    private String inputPath;
    private long position;
    private int band;
    private long key;
}
