package io.narrative.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narrative.core.Progress;
import io.narrative.testing.Fixtures;
import io.narrative.testing.SparkTestSession;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskProgressTest {
    @Test
    void report_namesTheStageTasksDoneAndRecordsRead_thenStaysQuietUntilMoreTasksEnd(@TempDir Path dir)
            throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            lines.add("line " + i);
        }
        Path file = Fixtures.write(dir, "lines.txt", String.join("\n", lines) + "\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SparkSession spark = SparkTestSession.get();
        try (TaskProgress progress = new TaskProgress(new Progress(new PrintStream(bytes, true,
                StandardCharsets.UTF_8))).start(spark)) {
            progress.stage("ingest");
            assertEquals(500, spark.read().text(file.toString()).repartition(3).count());
            spark.sparkContext().listenerBus().waitUntilEmpty();
            progress.report();
            progress.report();
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(1, out.lines().count(), "one line, then nothing new to say: " + out);
        assertTrue(out.matches("(?s)\\[narrative\\] ingest: (\\d+) of \\1 tasks done, 500 records read, \\d+:\\d\\d elapsed\\s*"),
                out);
    }

    @Test
    void report_beforeAnyStage_printsNothing() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new TaskProgress(new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8))).report();
        assertEquals(0, bytes.size());
    }

    @Test
    void progressLines_onATerminalOrWhenAsked_notInALogFileByDefault() {
        assertTrue(PipelineRunner.watchStages(false, true));
        assertTrue(PipelineRunner.watchStages(true, false));
        assertFalse(PipelineRunner.watchStages(false, false));
    }

    @Test
    void progressFlag_takesNoValue() {
        CliArgs cli = CliArgs.parse("run", "--progress", "--input", "in", "--output", "out");
        assertTrue(cli.isProgress());
        assertEquals(List.of("in"), cli.getInputs());
        assertFalse(CliArgs.parse("run", "--input", "in", "--output", "out").isProgress());
    }
}
