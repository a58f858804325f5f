package io.narrative.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.narrative.core.config.IngestConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file readers on their own, without Spark: fixed input, expected records. */
class ReaderTest {
    private final IngestConfig config = new IngestConfig();
    private final Configuration conf = new Configuration();

    private static InputFile file(Path path, String relative) throws Exception {
        InputFile file = new InputFile();
        file.setInputRoot(path.getParent().toString());
        file.setPath(path.toUri().toString());
        file.setRelativePath(relative);
        file.setFormat(InputFormat.ofFileName(path.getFileName().toString()).name());
        file.setGzip(InputFormat.isGzip(path.getFileName().toString()));
        file.setSize(Files.exists(path) ? Files.size(path) : 0);
        return file;
    }

    private static List<RawRecord> all(java.util.Iterator<RawRecord> records) {
        List<RawRecord> list = new ArrayList<>();
        records.forEachRemaining(list::add);
        return list;
    }

    @Test
    void textFile_titleIsFirstNonEmptyLine_sourceIsFirstFolder(@TempDir Path dir) throws Exception {
        Path path = Files.createDirectories(dir.resolve("bbc")).resolve("a.txt");
        Files.writeString(path, "\n\n  Why Lavrov flew to Aliyev?\n\nRussian Foreign Minister Sergei Lavrov...\n");
        RawRecord record = new TextFileReader(config).read(file(path, "bbc/a.txt"), conf);
        assertNull(record.getRejectReason());
        assertEquals("Why Lavrov flew to Aliyev?", record.getTitle());
        assertEquals("bbc", record.getSource());
        assertEquals("bbc/a.txt", record.getLocator());
    }

    @Test
    void textFile_missingFile_isUnreadable(@TempDir Path dir) throws Exception {
        RawRecord record = new TextFileReader(config).read(file(dir.resolve("gone.txt"), "gone.txt"), conf);
        assertEquals("unreadable_file", record.getRejectReason());
    }

    @Test
    void jsonLines_mapsConfiguredFields_andKeepsLineNumbers(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("corpus.jsonl");
        Files.writeString(path, String.join("\n",
                "{\"id\": \"r1\", \"content\": \"Ankara said...\", \"date_extracted\": \"2015-07-21 02:51:32\","
                        + " \"source\": \"aawsat\"}",
                "",
                "{not json",
                "[1, 2]",
                "{\"meta\": {\"title\": \"no text here\"}}"));
        List<RawRecord> records = all(new JsonLinesReader(config).read(file(path, "corpus.jsonl"), conf));
        assertEquals(4, records.size(), "blank lines are not records");
        assertEquals("r1", records.get(0).getId());
        assertEquals("Ankara said...", records.get(0).getText());
        assertEquals("2015-07-21 02:51:32", records.get(0).getPublished());
        assertEquals("aawsat", records.get(0).getSource());
        assertEquals(List.of(1L, 3L, 4L, 5L), records.stream().map(RawRecord::getPosition).toList());
        assertEquals("invalid_json", records.get(1).getRejectReason());
        assertEquals("not_json_object", records.get(2).getRejectReason());
        assertEquals("missing_text", records.get(3).getRejectReason());
        assertEquals("[1, 2]", records.get(2).getExcerpt());
    }

    @Test
    void csv_quotedFieldWithEmbeddedNewline_isOneRecord(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("corpus.csv");
        Files.writeString(path, "id,title,text\n"
                + "a,\"Moscow, again\",\"First paragraph.\n\nSecond paragraph, with a comma.\"\n"
                + "b,Short,Plain text\n"
                + "c,Too,many,fields\n", StandardCharsets.UTF_8);
        List<RawRecord> records = all(new CsvFileReader(config).read(file(path, "corpus.csv"), conf));
        assertEquals(3, records.size());
        assertEquals("First paragraph.\n\nSecond paragraph, with a comma.", records.get(0).getText());
        assertEquals("Moscow, again", records.get(0).getTitle());
        assertEquals("b", records.get(1).getId());
        assertEquals("csv_field_count", records.get(2).getRejectReason());
        assertEquals(3L, records.get(2).getPosition());
    }

    @Test
    void csv_unbalancedQuote_rejectsTheRestAsOneRecord(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("broken.csv");
        Files.writeString(path, "id,text\n1,fine\n2,\"never closed\n3,lost\n");
        List<RawRecord> records = all(new CsvFileReader(config).read(file(path, "broken.csv"), conf));
        assertEquals(2, records.size());
        assertEquals("1", records.get(0).getId());
        assertEquals("csv_parse_error", records.get(1).getRejectReason());
        assertEquals(2L, records.get(1).getPosition());
    }

    @Test
    void jsonLines_truncatedGzip_keepsRecordsBeforeTheCut(@TempDir Path dir) throws Exception {
        String lines = "{\"id\": \"a\", \"text\": \"first\"}\n{\"id\": \"b\", \"text\": \"second\"}\n"
                + io.narrative.testing.Fixtures.prose("padding", 3000);
        byte[] gz = io.narrative.testing.Fixtures.gzip(lines);
        Path path = io.narrative.testing.Fixtures.write(dir, "cut.jsonl.gz", java.util.Arrays.copyOf(gz, gz.length / 2));
        List<RawRecord> records = all(new JsonLinesReader(config).read(file(path, "cut.jsonl.gz"), conf));
        assertEquals(List.of("a", "b"), records.stream().limit(2).map(RawRecord::getId).toList(), records.toString());
        assertEquals("truncated_compressed", records.get(records.size() - 1).getRejectReason());
        assertEquals(3, records.size());
    }
}
