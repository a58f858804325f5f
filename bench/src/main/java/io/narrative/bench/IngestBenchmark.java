package io.narrative.bench;

import io.narrative.core.Progress;
import io.narrative.core.config.ConfigLoader;
import io.narrative.core.config.PipelineConfig;
import io.narrative.ingest.BareIngest;
import io.narrative.pipeline.CliArgs;
import io.narrative.pipeline.PipelineRunner;
import io.narrative.pipeline.SparkSessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Ingest throughput, the measure of the throughput issue: (a) the stage's own per-record work in one thread
 * over the corpus ({@link BareIngest}: the same functions the stage calls), (b) the stage on Spark per core,
 * (c) = b / a. Not a test: it prints numbers.
 *
 * <p>Usage: {@code IngestBenchmark WORK_DIR CORPUS [CORPUS ...]}. BENCH_SET as for the other benchmarks.
 */
public final class IngestBenchmark {
    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        SparkSession spark = SparkSessions.create("WARN");
        int cores = spark.sparkContext().defaultParallelism();
        var hadoop = spark.sparkContext().hadoopConfiguration();
        for (int i = 1; i < args.length; i++) {
            String corpus = args[i];
            String name = Path.of(corpus).getFileName().toString();
            PipelineConfig config = ConfigLoader.load(null, TokenizeBenchmark.overrides());
            // Warm the JIT and load Lingua's models on a slice first, so that (a) and (b) both run warm.
            BareIngest.run(config.getIngest(), List.of(corpus), hadoop, 3000);
            BareIngest.Timings bare = BareIngest.run(config.getIngest(), List.of(corpus), hadoop, Integer.MAX_VALUE);
            double language = BareIngest.languageSeconds(config.getIngest(), List.of(corpus), hadoop,
                    Integer.MAX_VALUE);
            double bareRate = bare.records() / bare.totalSeconds();
            System.out.printf(Locale.ROOT, "%s: %,d records, %,d documents; languages %s%n", name, bare.records(),
                    bare.documents(), bare.languages());
            System.out.printf(Locale.ROOT, "  (a) bare, 1 thread: %.1f s, %,.0f records/s%n", bare.totalSeconds(),
                    bareRate);
            for (Map.Entry<String, Double> step : bare.seconds().entrySet()) {
                System.out.printf(Locale.ROOT, "      %-34s %7.1f s  %5.1f%%  %,10.0f records/s%n", step.getKey(),
                        step.getValue(), 100 * step.getValue() / bare.totalSeconds(), bare.records() / step.getValue());
            }
            System.out.printf(Locale.ROOT, "      of which language identification %7.1f s (measured apart)%n",
                    language);

            Path out = work.resolve("ingest-" + name.replaceAll("\\W", "_"));
            PipelineRunner runner = new PipelineRunner(spark, Progress.toStderr());
            long start = System.nanoTime();
            runner.run(CliArgs.parse("ingest", "--input", corpus, "--output", out.toString()), config);
            double stageSeconds = (System.nanoTime() - start) / 1e9;
            double perCore = bare.records() / stageSeconds / cores;
            System.out.printf(Locale.ROOT, "  (b) stage on Spark, %d cores: %.1f s, %,.0f records/s, %,.0f records/s"
                    + " per core%n", cores, stageSeconds, bare.records() / stageSeconds, perCore);
            System.out.printf(Locale.ROOT, "  (c) b / a = %.2f%n", perCore / bareRate);
        }
        System.out.printf(Locale.ROOT, "peak RSS of this JVM=%d MB%n", peakRssMb());
        spark.stop();
    }

    static long peakRssMb() throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }
}
