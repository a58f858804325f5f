package io.narrative.topics.gibbs;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Fits LDA by collapsed Gibbs sampling spread over the units' partitions, in the approximate distributed
 * style of Newman, Asuncion, Smyth and Welling ("Distributed Algorithms for Topic Models", JMLR 2009):
 * each partition sweeps its own units against the global word-topic counts of the last sweep, updating a
 * private copy as it goes; the partitions' count changes are summed on the driver and broadcast for the
 * next sweep. Within a partition a {@link TopicSampler} does the work; after a burn-in, every
 * {@code optimizeInterval} sweeps the priors are re-estimated ({@link PriorOptimizer}).
 *
 * <p>Reproducible: the random stream of a partition in a sweep depends only on (seed, sweep, partition),
 * the counts are integers summed in any order, and the priors are computed on the driver from them. The
 * same seed, input and partitioning therefore give bit-identical topics.
 */
public final class GibbsLda {
    /** Sampler settings; {@code alpha} is the initial prior per topic, {@code beta} the initial topic-word prior. */
    public record Settings(int k, int iterations, int burnIn, int optimizeInterval, double alpha, double beta,
            long seed, int checkpointInterval) implements Serializable {
    }

    /** The fitted model and each unit's topic weights from the last sweep (unit_id, doc_id, n, w; cached). */
    public record Fit(GibbsTopicModel model, Dataset<Row> unitWeights) {
    }

    private GibbsLda() {
    }

    /**
     * @param units unit_id, doc_id, terms (the stage's fixed partitioning: it decides which units share a
     *     sweep, hence the exact topics)
     */
    public static Fit fit(Dataset<Row> units, String[] vocabulary, Settings settings) {
        SparkSession spark = units.sparkSession();
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int k = settings.k();
        int v = vocabulary.length;
        Broadcast<Map<String, Integer>> index = context.broadcast(indexOf(vocabulary));
        long seed = settings.seed();
        JavaRDD<Shard> shards = units.select(UnitWeights.UNIT_ID, UnitWeights.DOC_ID, UnitWeights.TERMS).javaRDD()
                .mapPartitionsWithIndex((partition, rows) -> single(Shards.build(rows, index.value(), k,
                        new SplittableRandom(Shards.seed(seed, 0, partition)))), true)
                .persist(StorageLevel.MEMORY_AND_DISK());
        int[] counts = initialCounts(shards, v, k);
        int longest = shards.map(Shard::longestUnit).fold(0, Math::max);
        long[] unitLengths = unitLengths(shards, longest);

        double[] alpha = new double[k];
        Arrays.fill(alpha, settings.alpha());
        double beta = settings.beta();
        List<Broadcast<?>> spent = new ArrayList<>();
        for (int sweep = 1; sweep <= settings.iterations(); sweep++) {
            boolean optimize = settings.optimizeInterval() > 0 && sweep > settings.burnIn()
                    && sweep % settings.optimizeInterval() == 0;
            // A copy: the driver adds this sweep's changes into its own array, and in local mode a broadcast
            // hands tasks the driver's object, which a recomputed partition must not see changed.
            Broadcast<SweepInput> input = context.broadcast(new SweepInput(counts.clone(), alpha, beta, sweep,
                    optimize ? longest : -1));
            spent.add(input);
            JavaRDD<Shard> next = shards.mapPartitionsWithIndex((partition, it) -> sweep(it, input.value(), v, k,
                    seed, partition), true).persist(StorageLevel.MEMORY_AND_DISK());
            boolean cut = sweep % settings.checkpointInterval() == 0 || sweep == settings.iterations();
            if (cut) {
                if (context.getCheckpointDir().isPresent()) {
                    next.checkpoint();
                } else {
                    next.rdd().localCheckpoint();
                }
            }
            Sums sums = next.treeAggregate(new Sums(), Sums::add, Sums::merge);
            if (sums.delta != null) {
                applyDelta(counts, sums.delta, v, k);
            }
            shards.unpersist(false);
            shards = next;
            if (cut) {
                // The lineage before a checkpoint is gone, and its broadcasts can go too; not this sweep's,
                // which the checkpointed RDD's own function (serialized with every later task) still holds.
                spent.subList(0, spent.size() - 1).forEach(Broadcast::destroy);
                spent.subList(0, spent.size() - 1).clear();
            }
            if (optimize) {
                alpha = PriorOptimizer.alpha(alpha, sums.histogram, unitLengths);
                beta = PriorOptimizer.beta(beta, wordTopicHistogram(counts, v, k),
                        Arrays.copyOfRange(counts, v * k, v * k + k), v);
            }
        }
        index.destroy();
        GibbsTopicModel model = new GibbsTopicModel(vocabulary, k, alpha, beta, counts);
        // Checkpointed so that the weights' lineage no longer holds the sweeps' broadcasts, destroyed below.
        Dataset<Row> weights = UnitWeights.of(spark, shards, alpha);
        weights = context.getCheckpointDir().isPresent() ? weights.checkpoint(true) : weights.localCheckpoint(true);
        shards.unpersist(false);
        spent.forEach(b -> b.destroy());
        return new Fit(model, weights);
    }

    /** The word-topic counts (word-major, then topic totals) of the shards' random start. */
    private static int[] initialCounts(JavaRDD<Shard> shards, int v, int k) {
        int[] counts = shards.treeAggregate((int[]) null, (sum, shard) -> {
            int[] into = sum == null ? new int[v * k + k] : sum;
            shard.addCounts(into, v, k);
            return into;
        }, GibbsLda::sum);
        return counts == null ? new int[v * k + k] : counts;
    }

    /** Units by their length in tokens: index n holds the units of n tokens. */
    private static long[] unitLengths(JavaRDD<Shard> shards, int longest) {
        return shards.treeAggregate(new long[longest + 1], (sum, shard) -> {
            for (int u = 0; u < shard.units(); u++) {
                sum[shard.starts[u + 1] - shard.starts[u]]++;
            }
            return sum;
        }, GibbsLda::sum);
    }

    private static Iterator<Shard> sweep(Iterator<Shard> shards, SweepInput input, int v, int k, long seed,
            int partition) {
        List<Shard> out = new ArrayList<>(1);
        while (shards.hasNext()) {
            Shard shard = shards.next();
            TopicSampler sampler = TopicSampler.of(input.counts, v, k, input.alpha, input.beta, false);
            int[] topics = shard.topics.clone();
            long[][] histogram = input.longestUnit < 0 ? null : new long[k][input.longestUnit + 1];
            sampler.sweep(shard.starts, shard.words, topics, 0, shard.units(),
                    new SplittableRandom(Shards.seed(seed, input.sweep, partition)), histogram);
            out.add(new Shard(shard.unitIds, shard.docIds, shard.unitTerms, shard.starts, shard.words, topics,
                    sampler.delta(), histogram));
        }
        return out.iterator();
    }

    /** counts += delta, with the topic totals (after the word-major block) following the word counts. */
    private static void applyDelta(int[] counts, int[] delta, int v, int k) {
        int totals = v * k;
        for (int i = 0; i < totals; i++) {
            int d = delta[i];
            if (d != 0) {
                counts[i] += d;
                counts[totals + i % k] += d;
            }
        }
    }

    /** (word, topic) pairs by their count: index n holds the pairs with n tokens. */
    static long[] wordTopicHistogram(int[] counts, int v, int k) {
        int max = 0;
        for (int i = 0; i < v * k; i++) {
            max = Math.max(max, counts[i]);
        }
        long[] histogram = new long[max + 1];
        for (int i = 0; i < v * k; i++) {
            histogram[counts[i]]++;
        }
        return histogram;
    }

    static Map<String, Integer> indexOf(String[] vocabulary) {
        Map<String, Integer> index = new HashMap<>(vocabulary.length * 2);
        for (int i = 0; i < vocabulary.length; i++) {
            index.put(vocabulary[i], i);
        }
        return index;
    }

    private static <T> Iterator<T> single(T value) {
        return Collections.singletonList(value).iterator();
    }

    /** What every partition needs for one sweep (broadcast once per sweep). */
    record SweepInput(int[] counts, double[] alpha, double beta, int sweep, int longestUnit) implements Serializable {
    }

    /** The partitions' count changes and, on optimizing sweeps, their topic-unit histograms, summed. */
    static final class Sums implements Serializable {
        private static final long serialVersionUID = 1L;
        int[] delta;
        long[][] histogram;

        Sums add(Shard shard) {
            return add(shard.delta, shard.topicUnitHistogram);
        }

        Sums merge(Sums other) {
            return add(other.delta, other.histogram);
        }

        private Sums add(int[] moreDelta, long[][] moreHistogram) {
            delta = sum(delta, moreDelta);
            if (moreHistogram != null) {
                if (histogram == null) {
                    histogram = new long[moreHistogram.length][];
                }
                for (int t = 0; t < histogram.length; t++) {
                    histogram[t] = sum(histogram[t], moreHistogram[t]);
                }
            }
            return this;
        }
    }

    /** {@code into += more}, element-wise; null stands for "nothing yet" on either side. */
    static int[] sum(int[] into, int[] more) {
        if (more == null) {
            return into;
        }
        if (into == null) {
            return more.clone();
        }
        for (int i = 0; i < into.length; i++) {
            into[i] += more[i];
        }
        return into;
    }

    /** {@code into += more}, element-wise; null stands for "nothing yet" on either side. */
    static long[] sum(long[] into, long[] more) {
        if (more == null) {
            return into;
        }
        if (into == null) {
            return more.clone();
        }
        for (int i = 0; i < into.length; i++) {
            into[i] += more[i];
        }
        return into;
    }
}
