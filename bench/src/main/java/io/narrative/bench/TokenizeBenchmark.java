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
import io.narrative.tokenize.BareTokenize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tr.TurkishAnalyzer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Tokenize throughput, the measure of the throughput issue, in one run: (a) the stage's own per-document work
 * in one thread over documents in memory ({@link BareTokenize}: sentence splitting and analysis, phrase
 * application; phrase learning is timed too but is corpus-level counting, not per-document work), (b) the
 * stage on Spark per core, (c) = b / a, and (a) against the stock Lucene analyzers (EnglishAnalyzer,
 * ArabicAnalyzer, ...) in the same kind of loop. Not a test: it prints numbers.
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
        for (int i = 1; i < args.length; i++) {
            String corpus = args[i];
            String name = Path.of(corpus).getFileName().toString();
            Path out = work.resolve(name.replaceAll("\\W", "_"));
            PipelineConfig config = ConfigLoader.load(null, overrides());
            PipelineRunner runner = new PipelineRunner(spark, Progress.toStderr());
            if (!Files.exists(out.resolve(Tables.DOCUMENTS))) {
                runner.run(CliArgs.parse("ingest", "--input", corpus, "--output", out.toString()), config);
            }
            // One untimed run first, so that both sides are measured with a warm JIT.
            long coldStart = System.nanoTime();
            runner.run(CliArgs.parse("tokenize", "--output", out.toString()), config);
            double coldSeconds = (System.nanoTime() - coldStart) / 1e9;
            long start = System.nanoTime();
            runner.run(CliArgs.parse("tokenize", "--output", out.toString()), config);
            double stageSeconds = (System.nanoTime() - start) / 1e9;
            Row counts = spark.read().parquet(out.resolve(Tables.DOC_TERMS).toString())
                    .agg(org.apache.spark.sql.functions.countDistinct(Columns.DOC_ID),
                            org.apache.spark.sql.functions.sum(Columns.N_TOKENS)).first();
            long docs = counts.getLong(0);
            long tokens = counts.getLong(1);

            List<BareTokenize.Document> documents = new ArrayList<>();
            Iterator<Row> rows = spark.read().parquet(out.resolve(Tables.DOCUMENTS).toString())
                    .filter(col(Columns.DUPLICATE_OF).isNull())
                    .select(Columns.DOC_ID, Columns.TEXT, Columns.PARAGRAPH_LANGS).toLocalIterator();
            while (rows.hasNext()) {
                Row row = rows.next();
                documents.add(new BareTokenize.Document(row.getString(0), row.getString(1), row.getList(2)));
            }
            BareTokenize.Timings bare = BareTokenize.run(documents, config.getTokenize());
            double[] stock = stockLucene(documents);
            double bareRate = bare.terms() / bare.perDocumentSeconds();
            double perCore = tokens / stageSeconds / cores;
            System.out.printf(Locale.ROOT, "%s: %,d documents, %,d sentences, %,d terms (stage: %,d)%n", name,
                    documents.size(), bare.sentences(), bare.terms(), tokens);
            System.out.printf(Locale.ROOT, "  (a) bare per-document work, 1 thread: %.1f s, %,.0f terms/s%n",
                    bare.perDocumentSeconds(), bareRate);
            for (Map.Entry<String, Double> step : bare.seconds().entrySet()) {
                System.out.printf(Locale.ROOT, "      %-34s %7.1f s%s%n", step.getKey(), step.getValue(),
                        step.getKey().startsWith(BareTokenize.LEARN) ? "  (corpus-level counting, not in (a))" : "");
            }
            System.out.printf(Locale.ROOT, "      stock Lucene analyzers, same paragraphs: %.1f s, %,.0f tokens/s"
                    + " (%,.0f tokens); (a) / stock = %.2f%n", stock[0], stock[1], stock[2], bareRate / stock[1]);
            System.out.printf(Locale.ROOT, "  (b) stage on Spark, %d cores: %.1f s (first, cold run %.1f s), %,.0f"
                    + " docs/s, %,.0f terms/s per core%n", cores, stageSeconds, coldSeconds, docs / stageSeconds,
                    perCore);
            System.out.printf(Locale.ROOT, "  (c) b / a = %.2f%n", perCore / bareRate);
        }
        System.out.printf(Locale.ROOT, "cores=%d  peak RSS of this JVM=%d MB%n", cores, peakRssMb());
        spark.stop();
    }

    /** Config overrides from BENCH_SET ("key=value;key=value"), to measure a variant of the stage. */
    public static Map<String, String> overrides() {
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

    /** Seconds, tokens per second and tokens of the stock Lucene analyzer of each paragraph's language. */
    private static double[] stockLucene(List<BareTokenize.Document> documents) throws java.io.IOException {
        Map<String, Analyzer> analyzers = Map.of("en", new EnglishAnalyzer(), "ar", new ArabicAnalyzer(),
                "ru", new RussianAnalyzer(), "tr", new TurkishAnalyzer());
        Analyzer fallback = new StandardAnalyzer();
        long tokens = 0;
        long start = System.nanoTime();
        for (BareTokenize.Document document : documents) {
            String[] parts = document.text().split("\n\n");
            List<String> langs = document.paragraphLangs();
            for (int p = 0; p < parts.length; p++) {
                Analyzer analyzer = analyzers.getOrDefault(p < langs.size() ? langs.get(p) : "other", fallback);
                try (TokenStream stream = analyzer.tokenStream("text", parts[p])) {
                    stream.reset();
                    while (stream.incrementToken()) {
                        tokens++;
                    }
                    stream.end();
                }
            }
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
