package io.narrative.topics.gibbs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.narrative.core.NarrativeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A topic model fitted by {@link GibbsLda}: the vocabulary, the word-topic counts of the last sweep and
 * the learned priors. Topic-word weights are {@code (n_wt + beta) / (n_t + V beta)}. New units are folded
 * in by sampling only their own topic assignments against the frozen counts.
 *
 * <p>Saved as a folder: {@code gibbs_lda.json} (k, priors) and {@code word_topic_counts} (Parquet: term
 * index, term, its k counts), readable from a notebook as any other table.
 */
public final class GibbsTopicModel implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String METADATA_FILE = "gibbs_lda.json";
    static final String FORMAT = "narrative-gibbs-lda";
    static final String COUNTS_DIR = "word_topic_counts";
    /** Fold-in sweeps per new unit; the weights are averaged over the second half. */
    static final int FOLD_IN_SWEEPS = 50;
    private static final StructType COUNTS_SCHEMA = new StructType()
            .add("term_index", DataTypes.IntegerType).add("term", DataTypes.StringType)
            .add("counts", DataTypes.createArrayType(DataTypes.IntegerType, false));

    private final String[] vocabulary;
    private final int k;
    private final double[] alpha;
    private final double beta;
    /** Word-major counts (k per word), then the k topic totals. */
    private final int[] counts;

    GibbsTopicModel(String[] vocabulary, int k, double[] alpha, double beta, int[] counts) {
        this.vocabulary = vocabulary;
        this.k = k;
        this.alpha = alpha;
        this.beta = beta;
        this.counts = counts;
    }

    public String[] vocabulary() {
        return vocabulary;
    }

    public int k() {
        return k;
    }

    public double[] alpha() {
        return alpha.clone();
    }

    public double beta() {
        return beta;
    }

    /** Tokens assigned to each topic. */
    public int[] topicTotals() {
        return Arrays.copyOfRange(counts, vocabulary.length * k, vocabulary.length * k + k);
    }

    /** p(word | topic) for every word of the vocabulary. */
    public double[] topicWordWeights(int topic) {
        int v = vocabulary.length;
        double norm = counts[v * k + topic] + v * beta;
        double[] weights = new double[v];
        for (int w = 0; w < v; w++) {
            weights[w] = (counts[w * k + topic] + beta) / norm;
        }
        return weights;
    }

    /** The {@code n} most probable word indices of {@code topic}, ties by index. */
    public int[] topWordIndices(int topic, int n) {
        double[] weights = topicWordWeights(topic);
        return java.util.stream.IntStream.range(0, weights.length).boxed()
                .sorted((a, b) -> weights[a] != weights[b] ? Double.compare(weights[b], weights[a]) : Integer.compare(a, b))
                .limit(n).mapToInt(Integer::intValue).toArray();
    }

    /**
     * Topic weights of new units (unit_id, doc_id, terms) against this model: unit_id, doc_id, n, w. A
     * unit's random stream depends on the seed and its id only, so the result does not depend on the
     * partitioning.
     */
    public Dataset<Row> foldIn(Dataset<Row> units, long seed) {
        SparkSession spark = units.sparkSession();
        Broadcast<GibbsTopicModel> model = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(this);
        return spark.createDataFrame(units.select(UnitWeights.UNIT_ID, UnitWeights.DOC_ID, UnitWeights.TERMS)
                .javaRDD().mapPartitions(rows -> model.value().foldIn(rows, seed).iterator()), UnitWeights.SCHEMA);
    }

    private List<Row> foldIn(java.util.Iterator<Row> rows, long seed) {
        Map<String, Integer> index = GibbsLda.indexOf(vocabulary);
        Shard shard = Shards.build(rows, index, k, new SplittableRandom(seed));
        TopicSampler sampler = TopicSampler.of(counts, vocabulary.length, k, alpha, beta, true);
        int[] topics = shard.topics;
        List<Row> out = new ArrayList<>(shard.units());
        double alphaSum = Arrays.stream(alpha).sum();
        for (int u = 0; u < shard.units(); u++) {
            SplittableRandom random = new SplittableRandom(Shards.seed(seed, shard.unitId(u).hashCode(),
                    shard.unitId(u).length()));
            int start = shard.starts[u];
            int end = shard.starts[u + 1];
            for (int i = start; i < end; i++) {
                topics[i] = random.nextInt(k);
            }
            double[] mean = new double[k];
            int kept = 0;
            for (int s = 1; s <= FOLD_IN_SWEEPS; s++) {
                sampler.sweep(shard.starts, shard.words, topics, u, u + 1, random, null);
                if (s > FOLD_IN_SWEEPS / 2) {
                    for (int i = start; i < end; i++) {
                        mean[topics[i]]++;
                    }
                    kept++;
                }
            }
            double norm = (end - start) + alphaSum;
            for (int t = 0; t < k; t++) {
                mean[t] = (mean[t] / kept + alpha[t]) / norm;
            }
            out.add(UnitWeights.row(shard, u, mean));
        }
        return out;
    }

    /** Writes the model under {@code path} (any Hadoop file system), replacing what is there. */
    public void save(SparkSession spark, String path) {
        Path root = new Path(path);
        try {
            FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
            fs.delete(root, true);
            List<Row> rows = new ArrayList<>(vocabulary.length);
            for (int w = 0; w < vocabulary.length; w++) {
                rows.add(RowFactory.create(w, vocabulary[w],
                        UnitWeights.seq(Arrays.stream(Arrays.copyOfRange(counts, w * k, w * k + k)).boxed().toList())));
            }
            spark.createDataFrame(rows, COUNTS_SCHEMA).coalesce(1).write().parquet(new Path(root, COUNTS_DIR).toString());
            ObjectMapper json = new ObjectMapper();
            ObjectNode meta = json.createObjectNode().put("format", FORMAT).put("version", 1).put("k", k)
                    .put("vocabulary_size", vocabulary.length).put("beta", beta);
            Arrays.stream(alpha).forEach(meta.putArray("alpha")::add);
            try (OutputStream out = fs.create(new Path(root, METADATA_FILE), true)) {
                json.writerWithDefaultPrettyPrinter().writeValue(out, meta);
            }
        } catch (IOException e) {
            throw new NarrativeException("cannot save the topic model to " + path + ": " + e.getMessage(), e);
        }
    }

    /** True when {@code path} holds a model saved by {@link #save}. */
    public static boolean isSavedAt(SparkSession spark, String path) {
        Path meta = new Path(path, METADATA_FILE);
        try {
            return meta.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(meta);
        } catch (IOException e) {
            return false;
        }
    }

    public static GibbsTopicModel load(SparkSession spark, String path) {
        Path root = new Path(path);
        try {
            FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
            JsonNode meta;
            try (InputStream in = fs.open(new Path(root, METADATA_FILE))) {
                meta = new ObjectMapper().readTree(in);
            }
            if (!FORMAT.equals(meta.path("format").asText())) {
                throw new NarrativeException(path + "/" + METADATA_FILE + ": format is '" + meta.path("format").asText()
                        + "', expected '" + FORMAT + "'");
            }
            int k = meta.get("k").asInt();
            int v = meta.get("vocabulary_size").asInt();
            double[] alpha = new double[k];
            for (int t = 0; t < k; t++) {
                alpha[t] = meta.get("alpha").get(t).asDouble();
            }
            String[] vocabulary = new String[v];
            int[] counts = new int[v * k + k];
            for (Row row : spark.read().parquet(new Path(root, COUNTS_DIR).toString()).collectAsList()) {
                int w = row.getInt(0);
                vocabulary[w] = row.getString(1);
                List<Integer> wordCounts = row.getList(2);
                for (int t = 0; t < k; t++) {
                    counts[w * k + t] = wordCounts.get(t);
                    counts[v * k + t] += wordCounts.get(t);
                }
            }
            for (int w = 0; w < v; w++) {
                if (vocabulary[w] == null) {
                    throw new NarrativeException(path + ": the saved model lacks term index " + w + " of " + v);
                }
            }
            return new GibbsTopicModel(vocabulary, k, alpha, meta.get("beta").asDouble(), counts);
        } catch (IOException | RuntimeException e) {
            if (e instanceof NarrativeException n) {
                throw n;
            }
            throw new NarrativeException("cannot read the topic model at " + path + ": " + e.getMessage(), e);
        }
    }
}
