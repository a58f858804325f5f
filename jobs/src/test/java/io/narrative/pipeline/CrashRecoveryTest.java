package io.narrative.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.narrative.core.Tables;
import io.narrative.testing.ChildJobs;
import io.narrative.testing.Fixtures;
import io.narrative.testing.TableRows;
import io.narrative.testing.TestRuns;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job killed with SIGKILL in the middle of a stage (a separate JVM, as a user's run would be), then run
 * again into the same output: every table a reader can see right after the kill is complete, and after the
 * re-run every table equals a clean run's. Two kill points: while ingest writes `documents`, and right after
 * tokenize published `sentences` (topics running). A second job into another output runs beside the first
 * and must not notice it: its tables equal the clean run's too.
 */
class CrashRecoveryTest {
    private static final String[] SETTINGS = {"topics.k=[3]", "topics.min_units=20", "topics.min_df=2",
        "topics.iterations=50", "report.min_docs=2"};
    private static final long GIVE_UP_MINUTES = 10;

    @TempDir
    static Path dir;
    static Path input;
    static Path clean;

    @BeforeAll
    static void cleanRun() throws IOException {
        input = dir.resolve("news.jsonl");
        List<String> lines = new ArrayList<>();
        String[] subjects = {"Moscow accused Washington of sabotaging the talks", "Turkey welcomed the peace deal",
            "sanctions against Russia hurt trade", "Ankara and Washington praised the cooperation"};
        for (int i = 0; i < 60; i++) {
            String text = subjects[i % subjects.length] + ". " + Fixtures.prose("story " + i, 120);
            lines.add("{\"id\": \"n" + i + "\", \"text\": " + Fixtures.json(text) + ", \"date\": \"2024-0"
                    + (1 + i % 6) + "-1" + (i % 9) + "\", \"source\": \"outlet" + (i % 3) + "\"}");
        }
        Files.write(input, lines, StandardCharsets.UTF_8);
        clean = dir.resolve("clean");
        TestRuns.run("run", List.of(input), clean, SETTINGS);
    }

    @Test
    void killedWhileIngestWrites_visibleTablesComplete_rerunEqualsCleanRun_neighbourUnaffected() throws Exception {
        Path neighbourOut = dir.resolve("neighbour");
        Path neighbourLog = dir.resolve("neighbour.log");
        Process neighbour = startJob(neighbourOut, neighbourLog);
        try {
            killAndRerun("killed-in-ingest", out -> stagingOf(out, Tables.DOCUMENTS));
            assertTrue(neighbour.waitFor(GIVE_UP_MINUTES, TimeUnit.MINUTES), "the neighbour job ends");
            assertEquals(0, neighbour.exitValue(), () -> "the neighbour job succeeds:\n" + read(neighbourLog));
        } finally {
            neighbour.destroyForcibly();
        }
        List<String> expected = visibleTables(clean);
        assertEquals(expected, visibleTables(neighbourOut));
        for (String table : expected) {
            assertSameRows(clean, neighbourOut, table, "in the neighbour run's output");
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Test
    void killedAfterTokenizePublished_visibleTablesComplete_rerunEqualsCleanRun() throws Exception {
        killAndRerun("killed-in-topics", out -> Files.isDirectory(out.resolve(Tables.SENTENCES)));
    }

    private interface KillPoint {
        boolean reached(Path output) throws IOException;
    }

    private static void killAndRerun(String name, KillPoint killPoint) throws Exception {
        Path out = dir.resolve(name);
        Path log = dir.resolve(name + ".log");
        Process job = startJob(out, log);
        try {
            waitFor(job, out, log, killPoint);
            job.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no cleanup
            assertTrue(job.waitFor(1, TimeUnit.MINUTES), "the killed job ends");
        } finally {
            job.destroyForcibly();
        }
        List<String> visible = visibleTables(out);
        for (String table : visible) {
            assertSameRows(clean, out, table, "visible right after the kill");
        }
        TestRuns.run("run", List.of(input), out, SETTINGS);
        List<String> expected = visibleTables(clean);
        assertEquals(expected, visibleTables(out), "the re-run publishes every table");
        for (String table : expected) {
            assertSameRows(clean, out, table, "after the re-run");
        }
        assertFalse(Files.exists(out.resolve("_staging")) && hasChildren(out.resolve("_staging")),
                "the re-run cleaned the killed run's staging area");
    }

    private static Process startJob(Path out, Path log) throws IOException {
        List<String> args = new ArrayList<>(List.of("run", "--input", input.toString(), "--output", out.toString()));
        for (String setting : SETTINGS) {
            args.add("--set");
            args.add(setting);
        }
        return ChildJobs.start(List.of(), args, log);
    }

    /** Polls the output folder until the kill point; fails with the job's log if the job ends first. */
    private static void waitFor(Process job, Path out, Path log, KillPoint killPoint) throws Exception {
        long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(GIVE_UP_MINUTES);
        while (!killPoint.reached(out)) {
            if (!job.isAlive()) {
                fail("the job ended (exit " + job.exitValue() + ") before the kill point:\n" + Files.readString(log));
            }
            if (System.nanoTime() > giveUp) {
                fail("the kill point was not reached in " + GIVE_UP_MINUTES + " minutes:\n" + Files.readString(log));
            }
            Thread.sleep(5);
        }
    }

    private static boolean stagingOf(Path out, String table) throws IOException {
        Path staging = out.resolve("_staging");
        if (!Files.isDirectory(staging)) {
            return false;
        }
        try (Stream<Path> children = Files.list(staging)) {
            return children.anyMatch(p -> p.getFileName().toString().startsWith(table + "-"));
        } catch (java.nio.file.NoSuchFileException e) {
            return false;
        }
    }

    private static boolean hasChildren(Path folder) throws IOException {
        try (Stream<Path> children = Files.list(folder)) {
            return children.findAny().isPresent();
        }
    }

    /** The Parquet tables a reader would find: folders not starting with _ and not the saved models. */
    private static List<String> visibleTables(Path out) throws IOException {
        if (!Files.isDirectory(out)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(out)) {
            return children.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith("_") && !n.equals("models") && !n.equals(Tables.RUN_MANIFEST))
                    .sorted().toList();
        }
    }

    private static void assertSameRows(Path expected, Path actual, String table, String when) {
        TableRows.assertSameRows(expected.toString(), actual.toString(), table, when);
    }
}
