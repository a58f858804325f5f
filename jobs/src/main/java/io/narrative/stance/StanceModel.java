package io.narrative.stance;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.narrative.core.NarrativeException;
import io.narrative.core.config.StanceConfig;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.feature.CountVectorizer;
import org.apache.spark.ml.feature.NGram;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.functions;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * The trainable stance path: an MLlib pipeline over the rule features (lexicon and role scores) plus hashed
 * word and word-pair presence (a pruned vocabulary) in a window around the mention, ending in a multinomial logistic regression with
 * classes weighted to balance the labels. Its score is P(favor) - P(against); its label the likeliest class.
 */
public final class StanceModel {
    /** Input columns: rule features (array&lt;double&gt;), window terms (array&lt;string&gt;), gold label (-1/0/1). */
    public static final String FEATURES = "features";
    public static final String WINDOW_TERMS = "window_terms";
    public static final String GOLD = "gold";
    private static final String LEX = "lex_vector";
    private static final String CLASS = "class_index";
    private static final String WEIGHT = "class_weight";

    private StanceModel() {
    }

    /** Fits the pipeline on rows with FEATURES, WINDOW_TERMS and GOLD. */
    public static PipelineModel fit(Dataset<Row> labelled, StanceConfig config) {
        Dataset<Row> data = prepare(labelled).withColumn(CLASS, col(GOLD).plus(1).cast("double"));
        Map<Double, Long> counts = new HashMap<>();
        for (Row r : data.groupBy(CLASS).agg(count(lit(1)).as("n")).collectAsList()) {
            counts.put(r.getDouble(0), r.getLong(1));
        }
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        if (counts.size() < 2) {
            throw new NarrativeException("train-stance: the training data has only the labels " + counts.keySet()
                    + "; at least two of -1, 0, 1 are needed");
        }
        Column weight = lit(1.0);
        for (Map.Entry<Double, Long> e : counts.entrySet()) {
            weight = when(col(CLASS).equalTo(e.getKey()), total / (counts.size() * (double) e.getValue()))
                    .otherwise(weight);
        }
        data = data.withColumn(WEIGHT, weight).persist(StorageLevel.MEMORY_AND_DISK());
        NGram bigrams = new NGram().setN(2).setInputCol(WINDOW_TERMS).setOutputCol("window_bigrams");
        // A vocabulary rather than hashing: the gradient has one entry per feature and class, so a pruned
        // vocabulary trains an order of magnitude faster than 2^18 hashed buckets, without collisions.
        CountVectorizer unigramCounts = new CountVectorizer().setInputCol(WINDOW_TERMS).setOutputCol("tf_uni")
                .setVocabSize(config.getTrainVocabSize()).setMinDF(config.getTrainMinDf()).setBinary(true);
        CountVectorizer bigramCounts = new CountVectorizer().setInputCol("window_bigrams").setOutputCol("tf_bi")
                .setVocabSize(config.getTrainVocabSize()).setMinDF(config.getTrainMinDf()).setBinary(true);
        VectorAssembler assemble = new VectorAssembler().setInputCols(new String[] {LEX, "tf_uni", "tf_bi"})
                .setOutputCol("model_features");
        LogisticRegression regression = new LogisticRegression().setFamily("multinomial")
                .setFeaturesCol("model_features").setLabelCol(CLASS).setWeightCol(WEIGHT)
                .setRegParam(config.getTrainRegParam()).setElasticNetParam(0.0).setMaxIter(200);
        try {
            return new Pipeline().setStages(new PipelineStage[] {bigrams, unigramCounts, bigramCounts, assemble,
                regression}).fit(data);
        } finally {
            data.unpersist();
        }
    }

    /** Adds {@code score} and {@code label} columns (replacing any) from the model's class probabilities. */
    public static Dataset<Row> apply(PipelineModel model, Dataset<Row> rows, String scoreColumn, String labelColumn) {
        Dataset<Row> scored = model.transform(prepare(rows.drop(scoreColumn, labelColumn)))
                .withColumn("p", functions.vector_to_array(col("probability"), "float64"));
        Column score = element_at(col("p"), 3).minus(element_at(col("p"), 1));
        Column label = when(col("prediction").equalTo(2.0), lit(StanceLabels.FAVOR))
                .when(col("prediction").equalTo(0.0), lit(StanceLabels.AGAINST)).otherwise(lit(StanceLabels.NEUTRAL));
        Dataset<Row> out = scored.withColumn(scoreColumn, score).withColumn(labelColumn, label);
        return out.drop("p", "probability", "rawPrediction", "prediction", "model_features", "tf_uni", "tf_bi",
                "window_bigrams", LEX);
    }

    public static PipelineModel load(String path) {
        try {
            return PipelineModel.load(path);
        } catch (RuntimeException e) {
            throw new NarrativeException("config key stance.model: cannot load a train-stance model from " + path
                    + " (" + e.getMessage() + ")", e);
        }
    }

    public static void save(PipelineModel model, String path) {
        try {
            model.write().overwrite().save(path);
        } catch (IOException e) {
            throw new NarrativeException("train-stance: cannot save the model to " + path + ": " + e.getMessage(), e);
        }
    }

    private static Dataset<Row> prepare(Dataset<Row> rows) {
        return rows.withColumn(LEX, functions.array_to_vector(col(FEATURES)));
    }
}
