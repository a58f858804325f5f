package io.narrative.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.narrative.core.Tables;
import io.narrative.core.manifest.InputCount;
import io.narrative.core.manifest.RunManifest;
import io.narrative.testing.Fixtures;
import io.narrative.testing.TestRuns;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The messy inputs of a real corpus, read with the default config in one ingest run: a zip archive, a
 * 0-byte file, a 50 MB document, UTF-16 with a byte-order mark, Arabic in windows-1256, invalid UTF-8, a CSV
 * row with missing columns, a folder that cannot be listed, a dangling link, a named pipe, a link back to a
 * parent folder, a second link to one file, names with a colon and other awkward characters, impossible
 * dates, stray NUL bytes in text and a file that is mostly NUL bytes. The run completes (within a bound: a
 * reader that opens the pipe would block for ever), each record is a document (flagged where repaired) or a
 * reject with a reason, and the counts reconcile.
 */
class IngestRobustnessTest {
    private static final String ARABIC = "قال وزير الخارجية إن المحادثات مع روسيا وتركيا ستستمر الأسبوع المقبل في أنقرة";

    @TempDir
    static Path dir;
    static Path in;
    static RunManifest manifest;
    static Map<String, Row> documentsByPath;
    static int documentCount;
    static List<Row> documents;
    static List<Row> rejects;
    static boolean lockedFolderPrepared;
    static final int FILES_UNDER_CYCLE = 30;
    static final List<String> AWKWARD_NAMES = List.of("colon:name.txt", "2024-05-16T10:00:00Z.txt",
        "100% sure.txt", "hash#and?query.txt", "space and\ttab.txt", "new\nline.txt", "quote\"s.txt");
    /** Longest the messy ingest may take before the test unblocks the pipe and fails (it takes about 30 s). */
    static final long GIVE_UP_MINUTES = 5;

    @BeforeAll
    static void ingestMessyInputs() throws Exception {
        in = dir.resolve("in");
        Fixtures.write(in, "archive.zip", zip("story.txt", "Ankara and Moscow agreed on a ceasefire."));
        Fixtures.write(in, "empty.txt", new byte[0]);
        writeFiftyMegabytes(in.resolve("huge.txt"));
        Fixtures.write(in, "utf16.txt", withBom(Fixtures.prose("Washington", 60)));
        Fixtures.write(in, "arabic-1256.txt", (ARABIC + "\n\n" + ARABIC + " اليوم.").getBytes(Charset.forName("windows-1256")));
        byte[] english = Fixtures.prose("Brussels", 60).getBytes(StandardCharsets.UTF_8);
        english[20] = (byte) 0xC3; // a lead byte followed by ASCII: invalid UTF-8
        Fixtures.write(in, "invalid-utf8.txt", english);
        Fixtures.write(in, "short.csv", "id,title,text\nr1,One,first row about Baku\nr2,Two\n");
        Path locked = Files.createDirectories(in.resolve("locked"));
        Fixtures.write(locked, "inside.txt", Fixtures.prose("locked", 30));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        lockedFolderPrepared = true;
        Files.createSymbolicLink(in.resolve("dangling.txt"), in.resolve("nowhere.txt"));
        Path pipe = in.resolve("pipe.jsonl");
        assertEquals(0, new ProcessBuilder("mkfifo", pipe.toString()).inheritIO().start().waitFor(), "mkfifo");
        Path many = Files.createDirectories(in.resolve("many"));
        for (int i = 0; i < FILES_UNDER_CYCLE; i++) {
            Fixtures.write(many, "story-" + i + ".txt", Fixtures.prose("cycle " + i, 40));
        }
        Files.createSymbolicLink(many.resolve("up"), Path.of(".."));
        Files.createSymbolicLink(in.resolve("z-again.txt"), many.resolve("story-0.txt"));
        for (String name : AWKWARD_NAMES) {
            Fixtures.write(in, name, Fixtures.prose("awkward " + name, 40));
        }
        Fixtures.write(in, "dates.jsonl", "{\"id\": \"leap\", \"text\": \"Ankara hosted the talks.\", \"published\": \"29/02/2020\"}\n"
                + "{\"id\": \"no-such-day\", \"text\": \"Moscow hosted the talks.\", \"published\": \"31/02/2020\"}\n"
                + "{\"id\": \"nul-in-json\", \"text\": \"Baku hosted\u0000 the talks.\", \"published\": \"2020-03-01\"}\n");
        Fixtures.write(in, "stray-nuls.txt", ("Ankara and Moscow agreed on\0 a ceasefire, and\0 Washington welcomed it. "
                + Fixtures.prose("nul", 40)).getBytes(StandardCharsets.UTF_8));
        byte[] mostlyNul = new byte[4096];
        System.arraycopy("header".getBytes(StandardCharsets.US_ASCII), 0, mostlyNul, 0, 6);
        Fixtures.write(in, "mostly-nul.txt", mostlyNul);

        Path out = dir.resolve("out");
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try {
            Future<RunManifest> run = runner.submit(() -> TestRuns.run("ingest", List.of(in), out));
            try {
                manifest = run.get(GIVE_UP_MINUTES, TimeUnit.MINUTES);
            } catch (TimeoutException e) {
                unblock(pipe);
                fail("ingest did not finish in " + GIVE_UP_MINUTES + " minutes: a reader opened the named pipe");
            }
        } finally {
            runner.shutdown();
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
        documents = TestRuns.table(out, Tables.DOCUMENTS);
        documentCount = documents.size();
        documentsByPath = documents.stream()
                .collect(Collectors.toMap(r -> fileName(r.getAs("input_path")), Function.identity(), (a, b) -> a));
        rejects = TestRuns.table(out, Tables.REJECTS);
    }

    /** Opening a pipe for writing releases a reader blocked opening it; closing it ends that reader's file. */
    private static void unblock(Path pipe) {
        try (OutputStream writer = Files.newOutputStream(pipe)) {
            writer.flush();
        } catch (Exception e) {
            // the test fails either way
        }
    }

    private static byte[] zip(String entry, String content) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static byte[] withBom(String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_16LE);
        byte[] out = new byte[body.length + 2];
        out[0] = (byte) 0xFF;
        out[1] = (byte) 0xFE;
        System.arraycopy(body, 0, out, 2, body.length);
        return out;
    }

    private static void writeFiftyMegabytes(Path file) throws Exception {
        byte[] paragraph = (Fixtures.prose("Moscow", 200) + "\n\n").getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < 50L * 1024 * 1024; written += paragraph.length) {
                out.write(paragraph);
            }
        }
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static Row rejectOf(String fileName) {
        List<Row> matching = rejects.stream().filter(r -> fileName(r.getAs("input_path")).equals(fileName)).toList();
        assertEquals(1, matching.size(), () -> fileName + " should have one reject, rejects: " + rejects);
        Row row = matching.get(0);
        assertTrue(row.<String>getAs("detail").length() > 10, "a reason a person understands: " + row);
        return row;
    }

    private static List<String> flagsOf(String fileName) {
        Row row = documentsByPath.get(fileName);
        assertTrue(row != null, () -> fileName + " should be a document; documents: " + documentsByPath.keySet());
        return row.getList(row.fieldIndex("flags"));
    }

    @Test
    void zipArchive_isBinaryContent_named() {
        Row reject = rejectOf("archive.zip");
        assertEquals("binary_content", reject.getAs("reason"));
        assertTrue(reject.<String>getAs("detail").contains("zip"), reject.<String>getAs("detail"));
    }

    @Test
    void zeroByteFile_isEmptyText() {
        assertEquals("empty_text", rejectOf("empty.txt").getAs("reason"));
    }

    @Test
    void fiftyMegabyteDocument_isRejectedUnread_runCompletes() {
        Row reject = rejectOf("huge.txt");
        assertEquals("record_too_large", reject.getAs("reason"));
        assertEquals("succeeded", manifest.getStatus());
    }

    @Test
    void utf16WithBom_isDecodedToText() {
        Row document = documentsByPath.get("utf16.txt");
        assertTrue(document.<String>getAs("text").startsWith("Washington"), document.<String>getAs("text"));
        assertEquals("en", document.getAs("lang"));
    }

    @Test
    void arabicInWindows1256_isDecoded_andFlagged() {
        assertTrue(flagsOf("arabic-1256.txt").contains("decoded_as_windows-1256"), flagsOf("arabic-1256.txt").toString());
        Row document = documentsByPath.get("arabic-1256.txt");
        assertEquals("ar", document.getAs("lang"));
        assertTrue(document.<String>getAs("text").contains("روسيا"));
    }

    @Test
    void invalidUtf8Bytes_documentKept_withAFlag() {
        List<String> flags = flagsOf("invalid-utf8.txt");
        assertFalse(flags.isEmpty(), "a repaired document says so");
        assertTrue(documentsByPath.get("invalid-utf8.txt").<String>getAs("text").startsWith("Brussels"));
    }

    @Test
    void csvRowWithMissingColumns_isRejected_otherRowsKept() {
        assertEquals("csv_field_count", rejectOf("short.csv").getAs("reason"));
        assertTrue(documentsByPath.containsKey("short.csv"));
    }

    @Test
    void folderThatCannotBeListed_isUnreadable() {
        // root reads any folder whatever its permissions; the case only exists for other users.
        assumeFalse("root".equals(System.getProperty("user.name")), "running as root: permissions do not apply");
        assertTrue(lockedFolderPrepared);
        assertEquals("unreadable_file", rejectOf("locked").getAs("reason"));
    }

    @Test
    void danglingLink_isUnreadable() {
        assertEquals("unreadable_file", rejectOf("dangling.txt").getAs("reason"));
    }

    @Test
    void namedPipe_isNeverOpened_rejectedAsNotARegularFile() {
        Row reject = rejectOf("pipe.jsonl");
        assertEquals("not_a_regular_file", reject.getAs("reason"));
        assertTrue(reject.<String>getAs("detail").contains("named pipe"), reject.<String>getAs("detail"));
    }

    @Test
    void linkBackToParentFolder_isWalkedOnce_withAWarning() {
        long underMany = documents.stream()
                .filter(r -> r.<String>getAs("input_path").contains("/many/")).count();
        assertEquals(FILES_UNDER_CYCLE, underMany, "each file under the cycle is one document");
        assertTrue(documents.stream().noneMatch(r -> r.<String>getAs("input_path").contains("/up/")),
                "nothing is read through the link");
        assertTrue(manifest.getWarnings().stream().anyMatch(w -> w.startsWith("many/up leads to a folder")),
                manifest.getWarnings().toString());
    }

    @Test
    void secondLinkToOneFile_isReadOnce_withAWarning() {
        assertFalse(documentsByPath.containsKey("z-again.txt"), "z-again.txt is many/story-0.txt, already read");
        assertTrue(documentsByPath.containsKey("story-0.txt"));
        assertTrue(manifest.getWarnings().stream().anyMatch(w -> w.startsWith("z-again.txt leads to a file")),
                manifest.getWarnings().toString());
    }

    @Test
    void namesWithColonsAndOtherCharacters_areRead() {
        for (String name : AWKWARD_NAMES) {
            Row document = documentsByPath.get(name);
            assertNotNull(document, () -> name + " should be a document; documents: " + documentsByPath.keySet());
            assertEquals(name, document.getAs("doc_id"));
            assertTrue(document.<String>getAs("text").startsWith("awkward"), document.<String>getAs("text"));
        }
    }

    @Test
    void impossibleDate_isNullFlaggedAndCounted_realLeapDayKept() {
        Map<String, Row> byId = documents.stream().filter(r -> r.<String>getAs("input_path").endsWith("dates.jsonl"))
                .collect(Collectors.toMap(r -> r.getAs("doc_id"), Function.identity()));
        assertTrue(byId.get("no-such-day").isNullAt(byId.get("no-such-day").fieldIndex("published")),
                "31/02/2020 is no date, not 2020-02-29");
        assertTrue(byId.get("no-such-day").getList(byId.get("no-such-day").fieldIndex("flags")).contains("unparseable_date"));
        assertEquals("2020-02-29", String.valueOf(byId.get("leap").<Object>getAs("published")));
        assertEquals(1L, manifest.getCounters().get("unparseable_dates"));
    }

    @Test
    void strayNulBytesInText_documentKept_nulsDropped_flagged() {
        assertTrue(flagsOf("stray-nuls.txt").contains("nul_bytes_removed"), flagsOf("stray-nuls.txt").toString());
        String text = documentsByPath.get("stray-nuls.txt").getAs("text");
        assertTrue(text.startsWith("Ankara and Moscow agreed on a ceasefire, and Washington"), text);
        assertFalse(text.contains("\u0000"));
    }

    @Test
    void strayNulInAJsonLine_recordKept_flagged() {
        Row document = documents.stream().filter(r -> "nul-in-json".equals(r.getAs("doc_id")))
                .findFirst().orElseThrow(() -> new AssertionError("nul-in-json should be a document"));
        assertEquals("Baku hosted the talks.", document.getAs("text"));
        assertTrue(document.getList(document.fieldIndex("flags")).contains("nul_bytes_removed"));
    }

    @Test
    void fileOfMostlyNulBytes_isStillBinaryContent() {
        Row reject = rejectOf("mostly-nul.txt");
        assertEquals("binary_content", reject.getAs("reason"));
        assertTrue(reject.<String>getAs("detail").contains("NUL"), reject.<String>getAs("detail"));
    }

    @Test
    void messyFolder_reconciles_recordsReadEqualsDocumentsPlusRejects() {
        InputCount count = manifest.getInputs().get(0);
        assertTrue(count.isReconciled(), count.toString());
        assertEquals(documentCount + rejects.size(), count.getRecordsRead());
        assertEquals(documentCount, count.getDocuments());
    }
}
