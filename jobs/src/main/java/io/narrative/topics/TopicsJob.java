package io.narrative.topics;

import io.narrative.core.NarrativeException;
import io.narrative.core.RunContext;
import io.narrative.core.SnakeCase;
import io.narrative.core.StageJob;
import io.narrative.core.Tables;
import io.narrative.core.config.TopicsConfig;
import io.narrative.core.io.TableStore;
import io.narrative.topics.gibbs.GibbsTopicModel;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reads doc_terms, sentences and term_forms, fits (or, with {@code --topic-model}, applies) the topic
 * models, writes topics, topic_terms and doc_topics, and saves the fitted models under models/topics.
 */
public final class TopicsJob implements StageJob {
    static final StructType DOC_TOPICS_SCHEMA = new StructType()
            .add("doc_id", DataTypes.StringType).add("lang", DataTypes.StringType)
            .add("dominant_topic", DataTypes.IntegerType).add("dominant_weight", DataTypes.DoubleType)
            .add("weights", DataTypes.createArrayType(DataTypes.DoubleType));

    @Override
    public String name() {
        return TopicsStage.NAME;
    }

    @Override
    public Map<String, Long> run(RunContext context) {
        SparkSession spark = context.getSpark();
        TableStore store = context.getStore();
        TopicsConfig config = context.getConfig().getTopics();
        Dataset<Row> docTerms = store.read(Tables.DOC_TERMS);
        Dataset<Row> sentences = config.getUnit().equals("paragraph") ? store.read(Tables.SENTENCES) : null;
        Dataset<Row> termForms = store.read(Tables.TERM_FORMS);
        Path checkpoints = new Path(store.root(), "_checkpoints");
        if (config.getOptimizer().equals("gibbs")) {
            useCheckpointsIfPossible(spark, checkpoints, context);
        } else if (!config.getOptimizer().equals("online")) {  // em, or auto that may choose em for a language
            spark.sparkContext().setCheckpointDir(checkpoints.toString());
        }
        TopicsStage stage = new TopicsStage(config, context.getConfig().getIngest().getLanguages());
        TopicsStage.Result result = context.getTopicModelDir() == null
                ? stage.fit(docTerms, sentences, termForms)
                : stage.apply(docTerms, sentences, termForms, loadModels(spark, context.getTopicModelDir(), config.getSeed()));
        try {
            store.write(Tables.TOPICS, SnakeCase.table(spark.createDataset(result.topics(), Encoders.bean(TopicRow.class)),
                    "lang", "topic_id", "label", "top_terms", "coherence_npmi", "prevalence", "n_docs_dominant"));
            store.write(Tables.TOPIC_TERMS, SnakeCase.table(spark.createDataset(result.topicTerms(),
                    Encoders.bean(TopicTermRow.class)), "lang", "topic_id", "rank", "term", "display", "weight"));
            store.write(Tables.DOC_TOPICS, result.docTopics() != null ? result.docTopics()
                    : spark.createDataFrame(java.util.List.of(), DOC_TOPICS_SCHEMA));
            if (context.getTopicModelDir() == null) {
                // A re-run replaces the model set, so no language keeps a model from an earlier corpus.
                deleteQuietly(spark, new Path(store.pathOf(Tables.TOPIC_MODELS)));
                result.models().forEach((lang, model) -> model.save(spark, store.pathOf(Tables.TOPIC_MODELS) + "/" + lang));
            }
        } finally {
            result.release();
            deleteQuietly(spark, checkpoints);
        }
        result.metrics().forEach(context.getManifest()::metric);
        result.notes().forEach(context.getManifest()::warn);
        Map<String, Long> rows = new LinkedHashMap<>();
        rows.put(Tables.TOPICS, (long) result.topics().size());
        rows.put(Tables.TOPIC_TERMS, (long) result.topicTerms().size());
        rows.put(Tables.DOC_TOPICS, store.read(Tables.DOC_TOPICS).count());
        return rows;
    }

    /**
     * Checkpoints under the output when its file system allows: the sampler then survives a lost executor.
     * Some object stores refuse an empty checkpoint folder (no directory marker); the sampler then cuts its
     * lineage with local checkpoints, which a lost executor ends.
     */
    private static void useCheckpointsIfPossible(SparkSession spark, Path checkpoints, RunContext context) {
        try {
            spark.sparkContext().setCheckpointDir(checkpoints.toString());
        } catch (Exception e) { // Scala rethrows the file system's IOException undeclared
            context.getManifest().warn("topics: cannot use " + checkpoints + " for checkpoints (" + e.getMessage()
                    + "); the Gibbs sampler keeps its checkpoints on the executors, so a lost executor fails the stage");
        }
    }

    /** One saved model per language folder under {@code dir}: a Gibbs model, or an MLlib pipeline. */
    static Map<String, TopicModel> loadModels(SparkSession spark, String dir, long seed) {
        Path root = new Path(dir);
        Map<String, TopicModel> models = new LinkedHashMap<>();
        try {
            FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(root)) {
                throw new NarrativeException("--topic-model " + dir + ": no such directory");
            }
            for (FileStatus child : fs.listStatus(root)) {
                if (child.isDirectory()) {
                    String path = child.getPath().toString();
                    models.put(child.getPath().getName(), GibbsTopicModel.isSavedAt(spark, path)
                            ? new GibbsModel(GibbsTopicModel.load(spark, path), null, seed)
                            : new MllibTopicModel(PipelineModel.load(path)));
                }
            }
        } catch (IOException e) {
            throw new NarrativeException("--topic-model " + dir + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (models.isEmpty()) {
            throw new NarrativeException("--topic-model " + dir + ": no saved models (expected one folder per language)");
        }
        return models;
    }

    private static void deleteQuietly(SparkSession spark, Path path) {
        try {
            path.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(path, true);
        } catch (IOException e) {
            // checkpoints are scratch space; a leftover is removed by the next run's cleanup
        }
    }
}
