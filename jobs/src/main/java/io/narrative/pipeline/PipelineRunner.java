package io.narrative.pipeline;

import io.narrative.core.NarrativeException;
import io.narrative.core.Progress;
import io.narrative.core.RunContext;
import io.narrative.core.StageJob;
import io.narrative.core.Tables;
import io.narrative.core.config.ConfigLoader;
import io.narrative.core.config.PipelineConfig;
import io.narrative.core.io.TableStore;
import io.narrative.core.manifest.ManifestWriter;
import io.narrative.core.manifest.RunManifest;
import io.narrative.core.manifest.StageMetric;
import io.narrative.ingest.IngestJob;
import io.narrative.narratives.NarrativesJob;
import io.narrative.report.ReportJob;
import io.narrative.stance.StanceJob;
import io.narrative.tokenize.TokenizeJob;
import io.narrative.topics.TopicsJob;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Knows every stage and their order; runs the whole pipeline or one stage, and writes the run manifest. */
public final class PipelineRunner {
    /** The stages of {@code run}, in order. Later stages read what earlier ones wrote. */
    static List<StageJob> pipeline() {
        return List.of(new IngestJob(), new TokenizeJob(), new TopicsJob(), new StanceJob(), new NarrativesJob(),
                new ReportJob());
    }

    private final SparkSession spark;
    private final Progress progress;
    private final TaskProgress taskProgress;

    public PipelineRunner(SparkSession spark, Progress progress) {
        this(spark, progress, false);
    }

    /** {@code watch}: progress lines inside stages too ({@link TaskProgress}). */
    public PipelineRunner(SparkSession spark, Progress progress, boolean watch) {
        this.spark = spark;
        this.progress = progress;
        this.taskProgress = watch ? new TaskProgress(progress) : null;
    }

    /**
     * Whether to print progress lines inside stages: when standard error is a terminal, or when asked
     * (--progress) even when it is not (a log file, a CI job).
     */
    public static boolean watchStages(boolean asked, boolean terminal) {
        return TaskProgress.wanted(asked, terminal);
    }

    /** Loads the config named by the arguments, failing fast on any problem in it. */
    public static PipelineConfig loadConfig(CliArgs args) {
        return ConfigLoader.load(args.getConfig() == null ? null : Path.of(args.getConfig()), args.getOverrides());
    }

    public RunManifest run(CliArgs args, PipelineConfig config) {
        List<StageJob> jobs = jobsFor(args.getCommand());
        if (jobs.stream().anyMatch(j -> j instanceof IngestJob) && args.getInputs().isEmpty()) {
            throw new NarrativeException(args.getCommand() + ": at least one --input PATH is required");
        }
        TableStore store = new TableStore(spark, args.getOutput());
        store.cleanLeftovers();
        RunManifest manifest = newManifest(args, config);
        RunContext context = RunContext.builder().spark(spark).config(config).store(store).manifest(manifest)
                .progress(progress).inputs(args.getInputs()).topicModelDir(args.getTopicModel()).build();
        for (StageJob job : jobs) {
            job.preflight(context);
        }
        boolean succeeded = false;
        if (taskProgress != null) {
            taskProgress.start(spark);
        }
        try {
            for (StageJob job : jobs) {
                runStage(job, context);
            }
            manifest.setStatus("succeeded");
            succeeded = true;
        } catch (RuntimeException e) {
            manifest.setStatus("failed");
            manifest.warn("failed: " + e.getMessage());
            throw e;
        } finally {
            if (taskProgress != null) {
                taskProgress.close();
            }
            manifest.setEndedAt(Timestamp.from(Instant.now()));
            writeManifest(store, manifest);
            if (succeeded) {
                store.cleanLeftovers();
            }
        }
        manifest.getWarnings().forEach(w -> progress.info("warning: " + w));
        progress.info("tables written to " + store.root());
        return manifest;
    }

    private void runStage(StageJob job, RunContext context) {
        Instant start = Instant.now();
        progress.started(job.name());
        if (taskProgress != null) {
            taskProgress.stage(job.name());
        }
        Map<String, Long> rows = job.run(context);
        double seconds = Progress.since(start).toMillis() / 1000.0;
        context.getManifest().getStages().add(new StageMetric(job.name(), Timestamp.from(start), seconds,
                new LinkedHashMap<>(rows)));
        progress.finished(job.name(), Progress.since(start), rows);
    }

    /** The jobs a command runs; fails with the usage text for an unknown command. */
    public static List<StageJob> jobsFor(String command) {
        if (command.equals("run")) {
            return pipeline();
        }
        return pipeline().stream().filter(j -> j.name().equals(command)).findFirst().map(List::of)
                .orElseThrow(() -> new NarrativeException("unknown command " + command + "\n" + CliArgs.USAGE));
    }

    private RunManifest newManifest(CliArgs args, PipelineConfig config) {
        RunManifest manifest = new RunManifest();
        Instant now = Instant.now();
        manifest.setRunId(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(now)
                + "-" + UUID.randomUUID().toString().substring(0, 8));
        manifest.setCommand(args.getCommand());
        manifest.setStartedAt(Timestamp.from(now));
        manifest.setProjectVersion(projectVersion());
        manifest.setSparkVersion(spark.version());
        manifest.setSparkMaster(spark.sparkContext().master());
        manifest.setConfigJson(ConfigLoader.toJson(config));
        return manifest;
    }

    /** Appends this run's row to the run_manifest table (one row per run) and rewrites run_manifest.json. */
    private void writeManifest(TableStore store, RunManifest manifest) {
        Dataset<Row> previous = null;
        if (store.exists(Tables.RUN_MANIFEST)) {
            try {
                previous = store.read(Tables.RUN_MANIFEST).localCheckpoint();
            } catch (RuntimeException e) {
                manifest.warn("previous run_manifest could not be read and was replaced: " + e.getMessage());
            }
        }
        ManifestWriter.write(spark, store, manifest, previous);
    }

    static String projectVersion() {
        String version = PipelineRunner.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
