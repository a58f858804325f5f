package io.narrative.bench;

import cc.mallet.topics.ParallelTopicModel;
import cc.mallet.types.Alphabet;
import cc.mallet.types.FeatureSequence;
import cc.mallet.types.Instance;
import cc.mallet.types.InstanceList;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.narrative.core.Columns;
import io.narrative.core.Tables;
import io.narrative.core.config.ConfigLoader;
import io.narrative.core.config.TopicsConfig;
import io.narrative.pipeline.SparkSessions;
import io.narrative.topics.Coherence;
import io.narrative.topics.TopicUnits;
import io.narrative.topics.TopicsStage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The topics stage beside MALLET's ParallelTopicModel and gensim's LdaMulticore on the same documents and
 * the same terms (the stage's doc_terms, restricted to the vocabulary the stage kept), with one coherence
 * routine ({@link Coherence}) for all. Not a test: it prints a table.
 *
 * <p>Usage: {@code TopicsBenchmark OUTPUT_DIR_WITH_DOC_TERMS [LANG [PYTHON GENSIM_SCRIPT]]}; k and the
 * stage's settings come from the default config (BENCH_SET overrides, as for the tokenize benchmark);
 * MALLET: 1,000 iterations, its default priors (alpha sum = k, beta = 0.01), one thread (its multi-threaded
 * sampler can hang), once with those priors fixed and once learning them (optimize interval 10, burn-in 200); gensim: see bench/gensim_lda.py, run as a separate Python process on the documents
 * written to OUTPUT_DIR/bench-gensim-docs.txt. BENCH_STAGE_ONLY=1 leaves the peers out (for sweeps of the
 * stage's settings).
 */
public final class TopicsBenchmark {
    private TopicsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        String lang = args.length > 1 ? args[1] : "en";
        TopicsConfig config = ConfigLoader.load(null, TokenizeBenchmark.overrides()).getTopics();
        int k = config.getK().get(0);
        SparkSession spark = SparkSessions.create("WARN");
        Dataset<Row> docTerms = spark.read().parquet(out.resolve(Tables.DOC_TERMS).toString())
                .filter(org.apache.spark.sql.functions.col(Columns.LANG).equalTo(lang));
        Dataset<Row> termForms = spark.read().parquet(out.resolve(Tables.TERM_FORMS).toString());
        config.setK(List.of(k));
        // As TopicsJob does: EM's graph lineage must be cut by checkpoints, or every iteration gets slower.
        spark.sparkContext().setCheckpointDir(out.resolve("_bench_checkpoints").toString());

        long start = System.nanoTime();
        TopicsStage.Result stage = new TopicsStage(config, List.of(lang)).fit(docTerms, null, termForms);
        double stageSeconds = (System.nanoTime() - start) / 1e9;
        List<List<String>> stageTop = TopicsStage.topWords(stage.models().get(lang), 10);
        Set<String> vocabulary = new HashSet<>(Arrays.asList(stage.models().get(lang).vocabulary()));
        stage.release();

        Dataset<Row> units = TopicUnits.of(lang, docTerms, null, config).persist(StorageLevel.MEMORY_AND_DISK());
        List<Row> rows = units.select(TopicUnits.UNIT_ID, Columns.TERMS).collectAsList();
        // BENCH_STAGE_ONLY=1: a sweep of the stage's settings, without the peers' minutes each time.
        boolean peers = !"1".equals(System.getenv("BENCH_STAGE_ONLY"));
        Mallet plain = null;
        Mallet optimized = null;
        if (peers) {
            Alphabet alphabet = new Alphabet();
            InstanceList instances = new InstanceList(alphabet, null);
            for (Row row : rows) {
                List<String> terms = row.getList(1);
                FeatureSequence sequence = new FeatureSequence(alphabet, terms.size());
                terms.stream().filter(vocabulary::contains).forEach(sequence::add);
                instances.add(new Instance(sequence, null, row.getString(0), null));
            }
            plain = mallet(instances, k, (int) config.getSeed(), 0);
            optimized = mallet(instances, k, (int) config.getSeed(), 10);
        }
        GensimResult gensim = peers && args.length > 3
                ? runGensim(out, rows, vocabulary, k, (int) config.getSeed(), args[2], args[3]) : null;

        Set<String> all = new HashSet<>();
        stageTop.forEach(all::addAll);
        if (peers) {
            plain.topWords().forEach(all::addAll);
            optimized.topWords().forEach(all::addAll);
        }
        if (gensim != null) {
            gensim.topWords().forEach(all::addAll);
        }
        Coherence.Counts counts = Coherence.count(units, all);
        System.out.printf(Locale.ROOT, "%d %s documents, k=%d, vocabulary %d terms, cores=%d%n", rows.size(), lang, k,
                vocabulary.size(), spark.sparkContext().defaultParallelism());
        System.out.printf(Locale.ROOT, "%-60s %10s %10s %10s%n", "system", "wall s", "mean NPMI", "diversity");
        // The optimizer the stage chose (auto decides by its own unit count), from its metrics.
        String optimizer = config.optimizerFor(rows.size());
        print(optimizer.equals("gibbs")
                ? "narrative topics (Gibbs, " + config.getIterations() + " it, optimize " + config.getOptimizeInterval()
                        + "/" + config.getOptimizeBurnIn() + ", " + config.getPartitions() + " parts)"
                : "narrative topics (MLlib LDA, " + optimizer + ", " + config.getMaxIter() + " it)",
                stageSeconds, stageTop, counts);
        if (peers) {
            print("MALLET 2.0.8 ParallelTopicModel (1000 it, 1 thr)", plain.seconds(), plain.topWords(), counts);
            print("MALLET 2.0.8, optimize 10, burn-in 200 (1000 it, 1 thr)", optimized.seconds(),
                    optimized.topWords(), counts);
        }
        if (gensim != null) {
            print("gensim 4.4.0 LdaMulticore (" + gensim.settings() + ")", gensim.seconds(), gensim.topWords(), counts);
        }
        for (int t = 0; t < Math.min(5, stageTop.size()); t++) {
            System.out.println("  stage topic " + t + ": " + String.join(" ", stageTop.get(t)));
        }
        for (int t = 0; peers && t < Math.min(5, optimized.topWords().size()); t++) {
            System.out.println("  mallet (optimized) topic " + t + ": " + String.join(" ", optimized.topWords().get(t)));
        }
        units.unpersist();
        spark.stop();
        System.exit(0); // MALLET's worker threads are not daemons
    }

    record Mallet(double seconds, List<List<String>> topWords) {
    }

    /** MALLET's sampler with its default priors (alpha sum = k, beta = 0.01); optimizeInterval 0: fixed priors. */
    private static Mallet mallet(InstanceList instances, int k, int seed, int optimizeInterval) throws Exception {
        long start = System.nanoTime();
        ParallelTopicModel mallet = new ParallelTopicModel(k);
        mallet.setRandomSeed(seed);
        mallet.setNumThreads(1);
        mallet.setNumIterations(1000);
        if (optimizeInterval > 0) {
            mallet.setOptimizeInterval(optimizeInterval);
            mallet.setBurninPeriod(200);
        }
        mallet.printLogLikelihood = false;
        mallet.addInstances(instances);
        mallet.estimate();
        double seconds = (System.nanoTime() - start) / 1e9;
        List<List<String>> top = new ArrayList<>();
        for (Object[] words : mallet.getTopWords(10)) {
            top.add(Arrays.stream(words).map(Object::toString).toList());
        }
        return new Mallet(seconds, top);
    }

    record GensimResult(double seconds, String settings, List<List<String>> topWords) {
    }

    /** Writes the documents (one per line, terms joined by spaces) and runs bench/gensim_lda.py on them. */
    private static GensimResult runGensim(Path out, List<Row> rows, Set<String> vocabulary, int k, int seed,
            String python, String script) throws Exception {
        Path docs = out.resolve("bench-gensim-docs.txt");
        Path result = out.resolve("bench-gensim-topics.json");
        List<String> lines = new ArrayList<>();
        for (Row row : rows) {
            List<String> terms = row.getList(1);
            lines.add(String.join(" ", terms.stream().filter(vocabulary::contains).toList()));
        }
        Files.write(docs, lines, StandardCharsets.UTF_8);
        Process process = new ProcessBuilder(python, script, docs.toString(), String.valueOf(k), String.valueOf(seed),
                result.toString()).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("gensim failed (exit " + process.exitValue() + ")");
        }
        JsonNode json = new ObjectMapper().readTree(result.toFile());
        List<List<String>> top = new ArrayList<>();
        json.get("top_words").forEach(words -> {
            List<String> topic = new ArrayList<>();
            words.forEach(word -> topic.add(word.asText()));
            top.add(topic);
        });
        JsonNode settings = json.get("settings");
        String described = "passes " + settings.get("passes") + ", " + settings.get("iterations") + " it, "
                + settings.get("workers") + " worker";
        return new GensimResult(json.get("seconds").asDouble(), described, top);
    }

    private static void print(String system, double seconds, List<List<String>> top, Coherence.Counts counts) {
        double npmi = top.stream().mapToDouble(words -> Coherence.npmi(words, counts)).average().orElse(-1);
        System.out.printf(Locale.ROOT, "%-60s %10.1f %10.3f %10.3f%n", system, seconds, npmi, Coherence.diversity(top));
    }
}
