package io.narrative.bench;

import static org.apache.spark.sql.functions.col;

import io.narrative.core.Columns;
import io.narrative.core.Progress;
import io.narrative.core.Tables;
import io.narrative.core.config.ConfigLoader;
import io.narrative.core.config.PipelineConfig;
import io.narrative.pipeline.CliArgs;
import io.narrative.pipeline.PipelineRunner;
import io.narrative.pipeline.SparkSessions;
import io.narrative.tokenize.Analyzers;
import io.narrative.tokenize.TermExtractor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Tokenize throughput: the stage on Spark (all local cores) beside the same Lucene analyzers in a plain
 * single-threaded loop over the same paragraphs, measured in one run. Not a test: it prints numbers.
 *
 * <p>Usage: {@code TokenizeBenchmark WORK_DIR CORPUS [CORPUS ...]}; each corpus is ingested first (not
 * timed here), then tokenized twice: the second, warm run is the stage's number.
 */
public final class TokenizeBenchmark {
    private TokenizeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        SparkSession spark = SparkSessions.create("WARN");
        int cores = spark.sparkContext().defaultParallelism();
        System.out.printf(Locale.ROOT, "%-28s %8s %10s %10s %12s %14s %10s%n", "corpus", "docs", "tokens", "seconds",
                "docs/s", "tokens/s/core", "vs raw");
        for (int i = 1; i < args.length; i++) {
            String corpus = args[i];
            Path out = work.resolve(Path.of(corpus).getFileName().toString().replaceAll("\\W", "_"));
            PipelineConfig config = ConfigLoader.load(null, overrides());
            PipelineRunner runner = new PipelineRunner(spark, Progress.toStderr());
            if (!Files.exists(out.resolve(Tables.DOCUMENTS))) {
                runner.run(CliArgs.parse("ingest", "--input", corpus, "--output", out.toString()), config);
            }
            // One untimed run first, so that both sides are measured with a warm JIT (the raw loop below runs
            // after it too); the first-run time is printed as well.
            long coldStart = System.nanoTime();
            runner.run(CliArgs.parse("tokenize", "--output", out.toString()), config);
            double coldSeconds = (System.nanoTime() - coldStart) / 1e9;
            long start = System.nanoTime();
            runner.run(CliArgs.parse("tokenize", "--output", out.toString()), config);
            double stageSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "%s: first (cold) tokenize run %.1f s%n", Path.of(corpus).getFileName(),
                    coldSeconds);
            Row counts = spark.read().parquet(out.resolve(Tables.DOC_TERMS).toString())
                    .agg(org.apache.spark.sql.functions.countDistinct(Columns.DOC_ID),
                            org.apache.spark.sql.functions.sum(Columns.N_TOKENS)).first();
            long docs = counts.getLong(0);
            long tokens = counts.getLong(1);
            double[] raw = rawAnalyzerLoop(spark.read().parquet(out.resolve(Tables.DOCUMENTS).toString())
                    .filter(col(Columns.DUPLICATE_OF).isNull()), config);
            double stagePerCore = tokens / stageSeconds / cores;
            System.out.printf(Locale.ROOT, "%-28s %8d %10d %10.1f %12.0f %14.0f %9.2fx%n", Path.of(corpus).getFileName()
                    + " stage", docs, tokens, stageSeconds, docs / stageSeconds, stagePerCore, stagePerCore / raw[1]);
            System.out.printf(Locale.ROOT, "%-28s %8d %10d %10.1f %12.0f %14.0f %10s%n", Path.of(corpus).getFileName()
                    + " raw Lucene, 1 thread", docs, (long) raw[2], raw[0], docs / raw[0], raw[1], "1.00x");
        }
        System.out.printf(Locale.ROOT, "cores=%d  peak RSS of this JVM=%d MB%n", cores, peakRssMb());
        spark.stop();
    }

    /** Config overrides from BENCH_SET ("key=value;key=value"), to measure a variant of the stage. */
    static Map<String, String> overrides() {
        Map<String, String> overrides = new java.util.LinkedHashMap<>();
        String spec = System.getenv().getOrDefault("BENCH_SET", "");
        for (String pair : spec.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                overrides.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
            }
        }
        return overrides;
    }

    /** Seconds, tokens per second and tokens of the analyzers alone, one thread, texts in memory. */
    private static double[] rawAnalyzerLoop(Dataset<Row> documents, PipelineConfig config) {
        List<String[]> paragraphs = new ArrayList<>();
        Iterator<Row> rows = documents.select(Columns.TEXT, Columns.PARAGRAPH_LANGS).toLocalIterator();
        while (rows.hasNext()) {
            Row row = rows.next();
            String[] parts = row.getString(0).split("\n\n");
            List<String> langs = row.getList(1);
            for (int p = 0; p < parts.length; p++) {
                paragraphs.add(new String[] {p < langs.size() ? langs.get(p) : "other", parts[p]});
            }
        }
        Map<String, List<String>> extra = config.getTokenize().getExtraStopWords();
        Map<String, TermExtractor> extractors = new java.util.HashMap<>();
        long tokens = 0;
        long start = System.nanoTime();
        for (String[] paragraph : paragraphs) {
            TermExtractor extractor = extractors.computeIfAbsent(paragraph[0], l -> new TermExtractor(
                    Analyzers.forLanguage(l, extra.getOrDefault(l, List.of())), config.getTokenize().getMinTermChars(),
                    config.getTokenize().isDropNumbers()));
            tokens += extractor.tokens(paragraph[1], 0, paragraph[1].length()).size();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new double[] {seconds, tokens / seconds, tokens};
    }

    static long peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (java.io.IOException e) {
            return -1;
        }
        return -1;
    }
}
