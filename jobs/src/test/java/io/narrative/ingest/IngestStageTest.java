package io.narrative.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.narrative.core.Columns;
import io.narrative.core.config.ConfigLoader;
import io.narrative.core.config.IngestConfig;
import io.narrative.testing.Fixtures;
import io.narrative.testing.SparkTestSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Repeated ids, exact copies and near copies are found the same way whether the small sides of ingest's joins
 * are broadcast (the default) or joined by shuffle (a corpus with more repeated ids or copies than a broadcast
 * holds).
 */
class IngestStageTest {
    private static final String A = Fixtures.prose("Ankara and Moscow agreed on grain shipments", 120);
    private static final String B = Fixtures.prose("Washington announced new tariffs on steel", 120);
    private static final String C = Fixtures.prose("Russia and Turkey discussed the Syrian border", 120);
    private static final String D = Fixtures.prose("Oil prices fell after the OPEC meeting", 120);

    private static Dataset<RawRecord> records() {
        String[][] idAndText = {
            {"x", A},
            {"x", B},
            {"c1", C},
            {"c2", C.toUpperCase(Locale.ROOT)},
            {"n1", C.replaceFirst("officials", "diplomats")},
            {"d", D},
        };
        List<RawRecord> records = new ArrayList<>();
        for (int i = 0; i < idAndText.length; i++) {
            RawRecord record = new RawRecord();
            record.setInputIndex(0);
            record.setInputRoot("memory");
            record.setInputPath("memory/wire.jsonl");
            record.setPosition(i + 1);
            record.setLocator("wire.jsonl#" + (i + 1));
            record.setId(idAndText[i][0]);
            record.setText(idAndText[i][1]);
            record.setSource("wire");
            records.add(record);
        }
        // Reversed and spread over partitions, so that "earliest" has to come from input order.
        java.util.Collections.reverse(records);
        return SparkTestSession.get().createDataset(records, Encoders.bean(RawRecord.class)).repartition(3);
    }

    private static IngestConfig config() {
        return ConfigLoader.load(null, Map.<String, String>of()).getIngest();
    }

    /** doc_id to duplicate_of ("-" for none) of the documents, and locator to reason of the rejects. */
    private static Map<String, String> outcome(IngestStage stage) {
        IngestStage.Result result = stage.apply(records());
        try {
            Map<String, String> outcome = new TreeMap<>();
            for (Row row : result.documents().collectAsList()) {
                String of = row.getAs(Columns.DUPLICATE_OF);
                outcome.put("document " + row.getAs(Columns.DOC_ID), of == null ? "-" : of);
            }
            for (Row row : result.rejects().collectAsList()) {
                outcome.put("reject " + row.getAs(Columns.POSITION), row.getAs(Columns.REASON));
            }
            return outcome;
        } finally {
            result.release();
        }
    }

    @Test
    void repeatedIdsAndCopies_pointAtTheEarliestRecord_whenTheirTablesAreBroadcast() {
        Map<String, String> outcome = outcome(new IngestStage(config()));
        assertEquals(RejectReason.DUPLICATE_ID.code(), outcome.get("reject 2"), outcome.toString());
        assertEquals(6, outcome.size(), "every record is a document or a reject: " + outcome);
        assertEquals("-", outcome.get("document x"));
        assertEquals("-", outcome.get("document c1"));
        assertEquals("c1", outcome.get("document c2"), "exact copy up to case");
        assertEquals("c1", outcome.get("document n1"), "near copy: one word changed");
        assertEquals("-", outcome.get("document d"));
        assertNull(outcome.get("reject 1"), "the first record with a repeated id keeps it");
    }

    @Test
    void shuffleJoins_findTheSameDuplicatesAsBroadcastJoins() {
        assertEquals(outcome(new IngestStage(config())), outcome(new IngestStage(config(), 0)));
    }
}
