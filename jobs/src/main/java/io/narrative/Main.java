package io.narrative;

import io.narrative.core.NarrativeException;
import io.narrative.core.Progress;
import io.narrative.core.config.PipelineConfig;
import io.narrative.pipeline.CliArgs;
import io.narrative.pipeline.PipelineRunner;
import io.narrative.pipeline.SparkSessions;
import io.narrative.pipeline.NarrativeCommands;
import io.narrative.pipeline.StanceCommands;
import org.apache.spark.sql.SparkSession;

/**
 * Entry point for bin/narrative and spark-submit. Exit status: 0 on success, 2 for a problem the user
 * can fix (named in one line on standard error), 1 for anything else.
 */
public final class Main {
    /** Set by bin/narrative when standard error is a terminal (the JVM cannot tell by itself). */
    static final String TERMINAL_PROPERTY = "narrative.stderr.terminal";

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        try {
            CliArgs cli = CliArgs.parse(args);
            PipelineConfig config = PipelineRunner.loadConfig(cli);
            boolean stanceTool = StanceCommands.handles(cli.getCommand());
            boolean narrativeTool = NarrativeCommands.handles(cli.getCommand());
            if (!stanceTool && !narrativeTool) {
                PipelineRunner.jobsFor(cli.getCommand());
            }
            SparkSession spark = SparkSessions.create(config.getRun().getSparkLogLevel());
            try {
                if (stanceTool) {
                    StanceCommands.run(spark, cli, config, Progress.toStderr());
                } else if (narrativeTool) {
                    NarrativeCommands.run(spark, cli, config, Progress.toStderr());
                } else {
                    boolean terminal = Boolean.getBoolean(TERMINAL_PROPERTY);
                    new PipelineRunner(spark, Progress.toStderr(), PipelineRunner.watchStages(cli.isProgress(),
                            terminal)).run(cli, config);
                }
            } finally {
                spark.stop();
            }
            return 0;
        } catch (NarrativeException e) {
            System.err.println("narrative: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            NarrativeException cause = userCause(e);
            if (cause != null) {
                System.err.println("narrative: " + cause.getMessage());
                return 2;
            }
            System.err.println("narrative: failed: " + e);
            e.printStackTrace(System.err);
            return 1;
        }
    }

    private static NarrativeException userCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NarrativeException n) {
                return n;
            }
        }
        return null;
    }
}
