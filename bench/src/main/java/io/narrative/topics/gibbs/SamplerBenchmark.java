package io.narrative.topics.gibbs;

import io.narrative.bench.TokenizeBenchmark;
import io.narrative.core.Columns;
import io.narrative.core.Tables;
import io.narrative.core.config.ConfigLoader;
import io.narrative.core.config.TopicsConfig;
import io.narrative.pipeline.SparkSessions;
import io.narrative.topics.TopicUnits;
import io.narrative.topics.Vocabulary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The topics stage's two samplers on one core, without Spark: the units of one language of a run's
 * doc_terms (the stage's unit rule and vocabulary settings), a random start, then sweeps as a partition
 * does them (a new sampler from the counts of the last sweep, the delta added back). Prints ns per token
 * over the second half of the sweeps and the share of tokens whose topic changed in the last sweep.
 *
 * <pre>SamplerBenchmark OUTPUT_DIR [LANG [SWEEPS [K ...]]]</pre>
 */
public final class SamplerBenchmark {
    private SamplerBenchmark() {
    }

    public static void main(String[] args) {
        Path out = Path.of(args[0]);
        String lang = args.length > 1 ? args[1] : "en";
        int sweeps = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        int[] ks = args.length > 3 ? Arrays.stream(args, 3, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {20, 50, 100};
        TopicsConfig config = ConfigLoader.load(null, TokenizeBenchmark.overrides()).getTopics();
        SparkSession spark = SparkSessions.create("WARN");
        Dataset<Row> docTerms = spark.read().parquet(out.resolve(Tables.DOC_TERMS).toString())
                .filter(org.apache.spark.sql.functions.col(Columns.LANG).equalTo(lang));
        Dataset<Row> units = TopicUnits.of(lang, docTerms, null, config).cache();
        String[] vocabulary = Vocabulary.fit(units, units.count(), config, "features").vocabulary();
        Map<String, Integer> index = GibbsLda.indexOf(vocabulary);
        Shard shard = Shards.build(units.select(TopicUnits.UNIT_ID, Columns.DOC_ID, Columns.TERMS).collectAsList()
                .iterator(), index, 1, new SplittableRandom(0));
        spark.stop();
        System.out.printf(Locale.ROOT, "%s: %,d units, %,d terms, %,d tokens, %d sweeps, one thread, draw kernel %s%n",
                lang, shard.units(), vocabulary.length, shard.tokens(), sweeps, LaneDraw.best().getClass().getSimpleName());
        for (int k : ks) {
            for (String kind : List.of("sparse", "dense")) {
                run(kind, shard, vocabulary.length, k, sweeps);
            }
        }
    }

    private static void run(String kind, Shard shard, int v, int k, int sweeps) {
        SplittableRandom start = new SplittableRandom(42);
        int[] topics = new int[shard.tokens()];
        int[] counts = new int[v * k + k];
        for (int i = 0; i < topics.length; i++) {
            topics[i] = start.nextInt(k);
            counts[shard.words[i] * k + topics[i]]++;
            counts[v * k + topics[i]]++;
        }
        double[] alpha = new double[k];
        Arrays.fill(alpha, 1.0);
        List<Long> times = new ArrayList<>();
        double changed = 0;
        for (int s = 1; s <= sweeps; s++) {
            long t0 = System.nanoTime();
            TopicSampler sampler = kind.equals("dense") ? new DenseSampler(counts, v, k, alpha, 0.01, false)
                    : new SparseSampler(counts, v, k, alpha, 0.01, false);
            int[] next = topics.clone();
            sampler.sweep(shard.starts, shard.words, next, 0, shard.units(), new SplittableRandom(s), null);
            int[] delta = sampler.delta();
            for (int i = 0; i < v * k; i++) {
                if (delta[i] != 0) {
                    counts[i] += delta[i];
                    counts[v * k + i % k] += delta[i];
                }
            }
            times.add(System.nanoTime() - t0);
            int moved = 0;
            for (int i = 0; i < next.length; i++) {
                moved += next[i] != topics[i] ? 1 : 0;
            }
            changed = (double) moved / next.length;
            topics = next;
        }
        double ns = times.subList(sweeps / 2, sweeps).stream().mapToLong(Long::longValue).average().orElse(0)
                / shard.tokens();
        // the final topics' hash: a change meant only for speed must leave it as it was
        System.out.printf(Locale.ROOT, "k=%-4d %-7s %6.1f ns/token (sweeps %d-%d), %.2f of tokens changed topic in the last,"
                + " topics hash %08x%n", k, kind, ns, sweeps / 2 + 1, sweeps, changed, Arrays.hashCode(topics));
    }
}
