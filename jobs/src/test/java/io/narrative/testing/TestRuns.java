package io.narrative.testing;

import io.narrative.core.Progress;
import io.narrative.core.config.PipelineConfig;
import io.narrative.core.manifest.RunManifest;
import io.narrative.pipeline.CliArgs;
import io.narrative.pipeline.PipelineRunner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;

/** Runs a pipeline command in-process on the shared test SparkSession, as bin/narrative would. */
public final class TestRuns {
    private TestRuns() {
    }

    /** Runs {@code command} with the given inputs and output; {@code extra} holds {@code --set} values
     * ("key=value") and whole options ("--config", "file"). */
    public static RunManifest run(String command, List<Path> inputs, Path output, String... sets) {
        return run(command, inputs.stream().map(Path::toString).toList(), output.toString(), sets);
    }

    /** As {@link #run(String, List, Path, String...)}, with locations of any file system (s3a://...). */
    public static RunManifest run(String command, List<String> inputs, String output, String... sets) {
        List<String> args = new ArrayList<>(List.of(command, "--output", output));
        for (String input : inputs) {
            args.add("--input");
            args.add(input);
        }
        for (int i = 0; i < sets.length; i++) {
            if (sets[i].startsWith("--")) {
                args.add(sets[i]);
                args.add(sets[++i]);
            } else {
                args.add("--set");
                args.add(sets[i]);
            }
        }
        CliArgs cli = CliArgs.parse(args.toArray(new String[0]));
        PipelineConfig config = PipelineRunner.loadConfig(cli);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return new PipelineRunner(SparkTestSession.get(), new Progress(quiet)).run(cli, config);
    }

    public static List<Row> table(Path output, String table) {
        return SparkTestSession.get().read().parquet(output.resolve(table).toString()).collectAsList();
    }
}
