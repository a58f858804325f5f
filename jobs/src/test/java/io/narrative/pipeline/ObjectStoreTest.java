package io.narrative.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.narrative.core.Columns;
import io.narrative.core.NarrativeException;
import io.narrative.core.Tables;
import io.narrative.core.io.PublishMarker;
import io.narrative.core.io.TableStore;
import io.narrative.core.manifest.InputCount;
import io.narrative.core.manifest.RunManifest;
import io.narrative.testing.ChildJobs;
import io.narrative.testing.Fixtures;
import io.narrative.testing.FreezingProxy;
import io.narrative.testing.ProjectFiles;
import io.narrative.testing.S3ProxyServer;
import io.narrative.testing.SparkTestSession;
import io.narrative.testing.TableRows;
import io.narrative.testing.TestModels;
import io.narrative.testing.TestRuns;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job against a real S3 server on 127.0.0.1 (S3Proxy, filesystem backend) through the s3a:// connector
 * (hadoop-aws, on the test classpath only; path-style access, the test's credentials): a corpus read from one
 * bucket and every table written to another equal a local run of the same corpus; and a job killed while it
 * publishes a table there leaves a folder with part of the table's files, which a reader that honours the
 * commit marker (the job's own, and the notebooks') refuses instead of returning part of the table; and an
 * object whose read hangs becomes a read_timeout reject while the other files are read.
 */
class ObjectStoreTest {
    private static final String[] SETTINGS = {"topics.k=[3]", "topics.min_units=20", "topics.min_df=2",
        "topics.iterations=50", "report.min_docs=2"};
    /** Columns that name where the input was read from: a local path in one run, an s3a:// key in the other. */
    private static final String[] LOCATION_COLUMNS = {Columns.INPUT_ROOT, Columns.INPUT_PATH};
    private static final String CORPUS = "s3a://corpus/news";
    private static final long GIVE_UP_MINUTES = 10;

    @TempDir
    static Path dir;
    static S3ProxyServer server;
    static Path localCorpus;
    static String localOut;
    static RunManifest localRun;
    static RunManifest bucketRun;

    @BeforeAll
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    static void runLocallyAndThroughTheBucket() throws Exception {
        server = S3ProxyServer.start(dir.resolve("s3"), List.of("corpus", "tables", "stall"));
        Configuration hadoop = SparkTestSession.get().sparkContext().hadoopConfiguration();
        server.s3aSettings().forEach(hadoop::set);

        localCorpus = writeCorpus(dir.resolve("corpus"));
        // Uploaded with plain creates, as the job writes: copyFromLocalFile goes through the SDK's transfer
        // manager, whose checksum trailer (x-amz-trailer) S3Proxy does not implement.
        FileSystem bucket = new org.apache.hadoop.fs.Path(CORPUS).getFileSystem(hadoop);
        FileUtil.copy(FileSystem.getLocal(hadoop), new org.apache.hadoop.fs.Path(localCorpus.toUri()), bucket,
                new org.apache.hadoop.fs.Path(CORPUS), false, hadoop);

        localOut = dir.resolve("local-out").toString();
        localRun = TestRuns.run("run", List.of(localCorpus.toString()), localOut, SETTINGS);
        bucketRun = TestRuns.run("run", List.of(CORPUS), "s3a://tables/run", SETTINGS);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /** JSON Lines with ids, dates and sources, and text files in a folder (their source is the folder). */
    private static Path writeCorpus(Path corpus) throws IOException {
        String[] subjects = {"Moscow accused Washington of sabotaging the talks", "Turkey welcomed the peace deal",
            "sanctions against Russia hurt trade", "Ankara and Washington praised the cooperation"};
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            String text = subjects[i % subjects.length] + ". " + Fixtures.prose("story " + i, 120);
            lines.add("{\"id\": \"n" + i + "\", \"text\": " + Fixtures.json(text) + ", \"date\": \"2024-0"
                    + (1 + i % 6) + "-1" + (i % 9) + "\", \"source\": \"outlet" + (i % 3) + "\"}");
        }
        lines.add("{\"id\": \"broken\", \"text\": ");
        Files.createDirectories(corpus);
        Files.write(corpus.resolve("news.jsonl"), lines, StandardCharsets.UTF_8);
        for (int i = 0; i < 6; i++) {
            Fixtures.write(corpus.resolve("wire"), "wire-" + i + ".txt",
                    subjects[i % subjects.length] + ".\n\n" + Fixtures.prose("wire " + i, 150));
        }
        return corpus;
    }

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void corpusFromABucket_everyRecordAccounted_likeTheLocalRun() {
        assertEquals("succeeded", bucketRun.getStatus(), bucketRun.getWarnings().toString());
        InputCount bucket = bucketRun.getInputs().get(0);
        InputCount local = localRun.getInputs().get(0);
        assertEquals(CORPUS, bucket.getInputRoot());
        assertTrue(bucket.isReconciled(), bucket.toString());
        assertEquals(55, bucket.getRecordsRead(), "48 JSON lines, 1 broken line, 6 text files");
        assertEquals(local.getRecordsRead(), bucket.getRecordsRead());
        assertEquals(local.getDocuments(), bucket.getDocuments());
        assertEquals(local.getRejects(), bucket.getRejects());
    }

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void everyTableWrittenToABucket_equalsTheLocalRun() throws IOException {
        List<String> published = Tables.ALL.stream().filter(t -> new File(localOut, t).isDirectory()).toList();
        assertTrue(published.containsAll(List.of(Tables.DOCUMENTS, Tables.SENTENCES, Tables.TOPICS,
                Tables.SENTENCE_STANCE, Tables.DOC_STANCE, Tables.NARRATIVES)), published.toString());
        for (String table : published) {
            if (!table.equals(Tables.RUN_MANIFEST)) {
                TableRows.assertSameRows(localOut, "s3a://tables/run", table, "written to the bucket",
                        LOCATION_COLUMNS);
            }
        }
        FileSystem tables = fileSystem("s3a://tables/run");
        for (String table : published) {
            assertTrue(tables.exists(new org.apache.hadoop.fs.Path("s3a://tables/run/" + table + "/"
                    + PublishMarker.FILE_NAME)), table + " is committed by its marker in the bucket");
        }
        assertTrue(tables.exists(new org.apache.hadoop.fs.Path("s3a://tables/run/" + Tables.RUN_MANIFEST_JSON)));
    }

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void killedWhilePublishingToABucket_readersSeeNoHalfTable_rerunPublishesItWhole() throws Exception {
        String out = "s3a://tables/killed";
        Path log = dir.resolve("killed.log");
        // Let the first data file of documents be copied into place, then hold the job's next request there.
        try (FreezingProxy proxy = new FreezingProxy(server.port(),
                Pattern.compile("PUT /tables/killed/" + Tables.DOCUMENTS + "/part-"), 1, FreezingProxy.Scope.EVERYTHING)) {
            Process job = startIngest(out, proxy.port(), log);
            try {
                boolean frozen = proxy.awaitFrozen(GIVE_UP_MINUTES, TimeUnit.MINUTES);
                if (!frozen) {
                    fail("the job never reached the publish of documents:\n" + Files.readString(log));
                }
                job.destroyForcibly(); // SIGKILL in the middle of the publish: no cleanup
                assertTrue(job.waitFor(1, TimeUnit.MINUTES), "the killed job ends");
            } finally {
                job.destroyForcibly();
            }
        }

        FileSystem bucket = fileSystem(out);
        org.apache.hadoop.fs.Path documents = new org.apache.hadoop.fs.Path(out + "/" + Tables.DOCUMENTS);
        List<String> files = Arrays.stream(bucket.listStatus(documents)).map(FileStatus::getPath)
                .map(org.apache.hadoop.fs.Path::getName).sorted().collect(Collectors.toList());
        assertEquals(1, files.stream().filter(f -> f.startsWith("part-")).count(),
                "the kill left one of the table's files in place: " + files);
        assertFalse(files.contains(PublishMarker.FILE_NAME), "no marker: the publish did not finish");
        long naive = SparkTestSession.get().read().parquet(documents.toString()).count();
        long whole = SparkTestSession.get().read().parquet(localOut + "/" + Tables.DOCUMENTS).count();
        assertTrue(naive < whole, "listing the folder would give part of the table: " + naive + " of " + whole);

        NarrativeException refused = assertThrows(NarrativeException.class,
                () -> new TableStore(SparkTestSession.get(), out).read(Tables.DOCUMENTS));
        assertTrue(refused.getMessage().contains("not published"), refused.getMessage());
        String notebooks = notebookReaderVerdict(out, Tables.DOCUMENTS);
        assertTrue(notebooks.startsWith("TableNotPublished"), "the notebooks' reader refuses it: " + notebooks);

        RunManifest rerun = TestRuns.run("ingest", List.of(CORPUS), out, SETTINGS);
        assertEquals("succeeded", rerun.getStatus());
        TableRows.assertSameRows(localOut, out, Tables.DOCUMENTS, "after the re-run", LOCATION_COLUMNS);
        assertEquals(whole, new TableStore(SparkTestSession.get(), out).read(Tables.DOCUMENTS).count());
    }

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void objectWhoseReadHangs_isAReadTimeoutReject_theOtherFilesAreRead() throws Exception {
        // Bucket "stall" is reached through a proxy that never answers the GET of one object.
        try (FreezingProxy proxy = new FreezingProxy(server.port(),
                Pattern.compile("GET /stall/news/b-hangs\\.jsonl"), 0, FreezingProxy.Scope.THAT_CONNECTION)) {
            Configuration hadoop = SparkTestSession.get().sparkContext().hadoopConfiguration();
            hadoop.set("fs.s3a.bucket.stall.endpoint", "http://127.0.0.1:" + proxy.port());
            FileSystem stall = fileSystem("s3a://stall/");
            for (String name : List.of("a-reads.jsonl", "b-hangs.jsonl", "c-reads.jsonl")) {
                try (var out = stall.create(new org.apache.hadoop.fs.Path("s3a://stall/news/" + name), true)) {
                    out.write(("{\"id\": \"" + name + "\", \"text\": " + Fixtures.json(Fixtures.prose(name, 40))
                            + "}\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            RunManifest run = TestRuns.run("ingest", List.of("s3a://stall/news"), dir.resolve("stall-out").toString(),
                    "ingest.read_timeout_seconds=3");
            assertTrue(proxy.awaitFrozen(0, TimeUnit.SECONDS), "the GET of b-hangs.jsonl was held");
            assertEquals("succeeded", run.getStatus());
            List<org.apache.spark.sql.Row> rejects = TestRuns.table(dir.resolve("stall-out"), Tables.REJECTS);
            assertEquals(1, rejects.size(), rejects.toString());
            assertEquals("read_timeout", rejects.get(0).getAs(Columns.REASON));
            assertTrue(rejects.get(0).<String>getAs(Columns.INPUT_PATH).endsWith("b-hangs.jsonl"));
            List<String> ids = TestRuns.table(dir.resolve("stall-out"), Tables.DOCUMENTS).stream()
                    .map(r -> r.<String>getAs(Columns.DOC_ID)).sorted().toList();
            assertEquals(List.of("a-reads.jsonl", "c-reads.jsonl"), ids);
            assertTrue(run.getInputs().get(0).isReconciled());
        }
    }

    /** The job in its own JVM, as a user's run would be, talking to the bucket through {@code endpointPort}. */
    private static Process startIngest(String out, int endpointPort, Path log) throws IOException {
        List<String> properties = new ArrayList<>();
        S3ProxyServer.s3aSettings(endpointPort).forEach((key, value) -> properties.add("spark.hadoop." + key + "=" + value));
        // Several data files per table, so that a publish interrupted half way leaves some of them.
        properties.add("spark.sql.shuffle.partitions=4");
        properties.add("spark.sql.adaptive.coalescePartitions.enabled=false");
        return ChildJobs.start(properties, List.of("ingest", "--input", CORPUS, "--output", out), log);
    }

    /**
     * What notebooks/narrative_tables.read_table makes of a table in the bucket, through pyspark (its reader for
     * cluster file systems) with the s3a connector's jars from this test's classpath: the row count, or the
     * name of the exception it raised.
     */
    private static String notebookReaderVerdict(String output, String table) throws Exception {
        String jars = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(jar -> jar.contains("hadoop-aws") || jar.contains("awssdk") || jar.contains("reactive-streams")
                        || jar.contains("eventstream") || jar.contains("analyticsaccelerator"))
                .collect(Collectors.joining(","));
        StringBuilder submit = new StringBuilder("--jars " + jars);
        server.s3aSettings().forEach((key, value) -> submit.append(" --conf spark.hadoop.").append(key).append('=').append(value));
        submit.append(" --conf spark.ui.enabled=false --master local[1] pyspark-shell");
        String script = String.join("\n",
                "import sys",
                "sys.path.insert(0, 'notebooks')",
                "import narrative_tables as nt",
                "try:",
                "    print('VERDICT', len(nt.read_table(sys.argv[1], sys.argv[2], columns=['doc_id'])))",
                "except Exception as e:",
                "    print('VERDICT', type(e).__name__, e)");
        ProcessBuilder builder = new ProcessBuilder(TestModels.venvPython().toString(), "-c", script, output, table)
                .directory(ProjectFiles.resolve(".").toFile()).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.put("PYSPARK_SUBMIT_ARGS", submit.toString());
        environment.put("NARRATIVE_READER", "spark");
        environment.put("SPARK_LOCAL_IP", "127.0.0.1");
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        Process python = builder.start();
        String printed = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(python.waitFor(5, TimeUnit.MINUTES), "the notebook reader ends");
        return printed.lines().filter(line -> line.startsWith("VERDICT ")).map(line -> line.substring(8))
                .findFirst().orElseThrow(() -> new AssertionError("no verdict from the notebook reader:\n" + printed));
    }

    private static FileSystem fileSystem(String location) throws IOException {
        SparkSession spark = SparkTestSession.get();
        return new org.apache.hadoop.fs.Path(location).getFileSystem(spark.sparkContext().hadoopConfiguration());
    }
}
