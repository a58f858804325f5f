package io.narrative.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narrative.core.Tables;
import io.narrative.core.manifest.InputCount;
import io.narrative.core.manifest.RunManifest;
import io.narrative.testing.Fixtures;
import io.narrative.testing.TestRuns;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One bad input per reject reason, all read in one ingest run (plus one run with tight limits): each bad
 * record is in rejects with its reason and position, good records around it are documents, and the
 * counts reconcile.
 */
class IngestRejectsTest {
    @TempDir
    static Path dir;
    static List<Row> rejects;
    static List<Row> documents;
    static RunManifest manifest;
    static List<Row> limitRejects;
    static RunManifest limitManifest;

    @BeforeAll
    static void ingestBadInputs() throws Exception {
        Path in = dir.resolve("in");
        Fixtures.write(in, "json/broken.jsonl", good(1) + "\n{\"id\": \"x\", \"text\": \n"
                + good(2) + "\n");
        Fixtures.write(in, "json/array.jsonl", "[\"not\", \"an\", \"object\"]\n");
        Fixtures.write(in, "json/notext.jsonl", "{\"id\": \"nt\", \"headline\": \"title only\"}\n");
        Fixtures.write(in, "json/empty.jsonl", "{\"id\": \"e\", \"text\": \" \\u200b \\n\\t \"}\n");
        Fixtures.write(in, "json/dupid.jsonl", "{\"id\": \"same\", \"text\": \"First text about Moscow and"
                + " Washington.\"}\n{\"id\": \"same\", \"text\": \"Second, different text about Ankara.\"}\n");
        Fixtures.write(in, "csv/fields.csv", "id,text\nc1,fine text about Syria\nc2,too,many\n");
        Fixtures.write(in, "csv/quote.csv", "id,text\nq1,fine text about Libya\nq2,\"never closed\nq3,lost\n");
        Fixtures.write(in, "bin/picture.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13});
        byte[] symbols = new byte[200];
        for (int i = 0; i < symbols.length; i++) {
            symbols[i] = (byte) new int[] {0x85, 0x86, 0x87, 0x89}[i % 4];
        }
        Fixtures.write(in, "bin/symbols.txt", symbols);
        byte[] gz = Fixtures.gzip(good(3) + "\n" + good(4) + "\n"
                + Fixtures.prose("padding", 3000));
        Fixtures.write(in, "gz/truncated.jsonl.gz", Arrays.copyOf(gz, gz.length / 2));
        Fixtures.write(in, "pq/garbage.parquet", "this is not parquet".getBytes(StandardCharsets.UTF_8));
        Path out = dir.resolve("out");
        manifest = TestRuns.run("ingest", List.of(in), out);
        rejects = TestRuns.table(out, Tables.REJECTS);
        documents = TestRuns.table(out, Tables.DOCUMENTS);

        Path limits = dir.resolve("limits");
        Fixtures.write(limits, "long.jsonl", "{\"id\": \"long\", \"text\": " + Fixtures.json(Fixtures.prose("x", 100))
                + "}\n");
        Fixtures.write(limits, "big.txt", Fixtures.prose("big", 400));
        Fixtures.write(limits, "bomb.jsonl.gz", Fixtures.gzip(("{\"text\": \"" + "a".repeat(900) + "\"}\n").repeat(50)));
        Path limitsOut = dir.resolve("limits-out");
        limitManifest = TestRuns.run("ingest", List.of(limits), limitsOut, "ingest.max_chars=200",
                "ingest.max_record_bytes=1500", "ingest.max_decompressed_bytes=2048");
        limitRejects = TestRuns.table(limitsOut, Tables.REJECTS);
    }

    private static String good(int n) {
        return "{\"id\": \"good-" + n + "\", \"text\": " + Fixtures.json(Fixtures.prose("Ankara " + n, 40)) + "}";
    }

    private static Row reject(List<Row> rows, String pathSuffix, String reason) {
        List<Row> matching = rows.stream()
                .filter(r -> r.<String>getAs("input_path").endsWith(pathSuffix))
                .filter(r -> r.<String>getAs("reason").equals(reason))
                .toList();
        assertEquals(1, matching.size(), () -> "expected one " + reason + " reject for " + pathSuffix + " in "
                + rows.stream().map(r -> r.getAs("input_path") + ":" + r.getAs("reason")).collect(Collectors.joining(", ")));
        Row row = matching.get(0);
        assertTrue(row.<String>getAs("detail").length() > 10, "a reason a person understands");
        return row;
    }

    @Test
    void invalidJsonLine_isRejectedAtItsLine_andNeighboursKept() {
        assertEquals(2L, reject(rejects, "broken.jsonl", "invalid_json").<Long>getAs("position"));
        assertTrue(documents.stream().anyMatch(d -> d.getAs("doc_id").equals("good-1")));
        assertTrue(documents.stream().anyMatch(d -> d.getAs("doc_id").equals("good-2")));
    }

    @Test
    void jsonArrayLine_isNotAnObject() {
        assertEquals("[\"not\", \"an\", \"object\"]", reject(rejects, "array.jsonl", "not_json_object").getAs("excerpt"));
    }

    @Test
    void recordWithoutTextField_isMissingText() {
        assertEquals("nt", reject(rejects, "notext.jsonl", "missing_text").getAs("doc_id"));
    }

    @Test
    void whitespaceOnlyText_isEmptyText() {
        reject(rejects, "empty.jsonl", "empty_text");
    }

    @Test
    void repeatedId_secondRecordIsRejected_firstKept() {
        Row row = reject(rejects, "dupid.jsonl", "duplicate_id");
        assertEquals(2L, row.<Long>getAs("position"));
        assertTrue(row.<String>getAs("excerpt").startsWith("Second"));
        assertTrue(documents.stream().anyMatch(d -> d.getAs("doc_id").equals("same")
                && d.<String>getAs("text").startsWith("First")));
    }

    @Test
    void csvRowWithExtraField_isFieldCountReject() {
        assertEquals(2L, reject(rejects, "fields.csv", "csv_field_count").<Long>getAs("position"));
    }

    @Test
    void csvUnbalancedQuote_isParseError_afterKeepingEarlierRows() {
        reject(rejects, "quote.csv", "csv_parse_error");
        assertTrue(documents.stream().anyMatch(d -> d.getAs("doc_id").equals("q1")));
    }

    @Test
    void imageFile_isBinaryContent() {
        assertTrue(reject(rejects, "picture.png", "binary_content").<String>getAs("detail").contains("PNG"));
    }

    @Test
    void bytesThatAreTextInNoCharset_areUndecodable() {
        reject(rejects, "symbols.txt", "undecodable_text");
    }

    @Test
    void truncatedGzip_keepsRecordsBeforeTheCut_andRejectsTheRest() {
        reject(rejects, "truncated.jsonl.gz", "truncated_compressed");
        assertTrue(documents.stream().anyMatch(d -> d.getAs("doc_id").equals("good-3")));
    }

    @Test
    void garbageParquetFile_isUnreadableParquet() {
        reject(rejects, "garbage.parquet", "unreadable_parquet");
    }

    @Test
    void overLongText_isTooLong() {
        assertNotNull(reject(limitRejects, "long.jsonl", "too_long").getAs("excerpt"));
    }

    @Test
    void fileOverRecordByteLimit_isRejectedUnread() {
        reject(limitRejects, "big.txt", "record_too_large");
    }

    @Test
    void gzipExpandingPastTheBound_stopsAtTheLimit() {
        reject(limitRejects, "bomb.jsonl.gz", "decompression_limit");
    }

    @Test
    void everyRun_reconciles_recordsReadEqualsDocumentsPlusRejects() {
        for (RunManifest m : List.of(manifest, limitManifest)) {
            InputCount count = m.getInputs().get(0);
            assertTrue(count.isReconciled(), count.toString());
            assertTrue(m.getWarnings().isEmpty(), m.getWarnings().toString());
        }
        InputCount main = manifest.getInputs().get(0);
        assertEquals(documents.size(), main.getDocuments());
        assertEquals(rejects.size(), main.getRejects());
        // 13 files: broken.jsonl 3 records, dupid 2, fields.csv 2, quote.csv 2, truncated.gz 3, others 1 each.
        assertEquals(3 + 1 + 1 + 1 + 2 + 2 + 2 + 1 + 1 + 3 + 1, main.getRecordsRead());
    }
}
