package io.narrative.stance.eval;

import static org.apache.spark.sql.functions.col;

import io.narrative.core.NarrativeException;
import io.narrative.core.SnakeCase;
import io.narrative.core.config.StanceConfig;
import io.narrative.stance.StanceLabels;
import io.narrative.stance.StanceModel;
import io.narrative.stance.lexicon.StanceResources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The eval-stance and train-stance commands: labelled data through the same scorer the stage uses. */
public final class StanceTools {
    private final SparkSession spark;
    private final StanceConfig config;

    public StanceTools(SparkSession spark, StanceConfig config) {
        this.spark = spark;
        this.config = config;
    }

    /**
     * Reads the labelled files, keeps the items of {@code split} ("all" for every item) and of the entity
     * types given (empty = all), and scores them: with {@code modelPath}'s model when given, else the rules.
     */
    public List<StanceMetrics.Scores> evaluate(List<Path> files, String split, Set<String> entityTypes,
            String modelPath) {
        List<GoldItem> items = load(files, split, entityTypes);
        Dataset<Row> scored = score(items).localCheckpoint();
        if (modelPath != null && !modelPath.isBlank()) {
            scored = StanceModel.apply(StanceModel.load(modelPath), scored, "score", "label");
        }
        List<ScoredItem> rows = scored.select("id", "lang", "split", "entity_type", "gold", "gold_target",
                        "mention_found", "score", "label")
                .as(Encoders.bean(ScoredItemView.class)).collectAsList().stream().map(ScoredItemView::toItem)
                .toList();
        return StanceMetrics.compute(rows);
    }

    /** Fits a model on the {@code train} split of the files and saves it under {@code output}. */
    public PipelineModel train(List<Path> files, Set<String> entityTypes, String output) {
        List<GoldItem> items = load(files, "train", entityTypes);
        // Scored once and kept: the optimiser passes over the data many times.
        Dataset<Row> labelled = score(items).select(col("features").as(StanceModel.FEATURES),
                col("window_terms").as(StanceModel.WINDOW_TERMS), col("gold").as(StanceModel.GOLD)).localCheckpoint();
        PipelineModel model = StanceModel.fit(labelled, config);
        StanceModel.save(model, output);
        return model;
    }

    private Dataset<Row> score(List<GoldItem> items) {
        StanceResources resources = StanceResources.load(config, spark.sparkContext().hadoopConfiguration());
        Broadcast<StanceResources> shared = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .broadcast(resources);
        Dataset<GoldItem> data = spark.createDataset(items, Encoders.bean(GoldItem.class))
                .repartition(Math.max(2, spark.sparkContext().defaultParallelism()));
        return SnakeCase.table(data.mapPartitions(new GoldScorer(shared, config),
                Encoders.bean(ScoredItem.class)));
    }

    private static List<GoldItem> load(List<Path> files, String split, Set<String> entityTypes) {
        if (!Set.of("all", "train", "dev", "test").contains(split)) {
            throw new NarrativeException("--split " + split + ": expected all, train, dev or test");
        }
        List<GoldItem> items = new ArrayList<>();
        for (Path file : files) {
            for (GoldItem item : GoldReader.read(file)) {
                boolean inSplit = split.equals("all") || split.equals(item.getSplit());
                boolean ofType = entityTypes.isEmpty() || entityTypes.contains(item.getEntityType());
                if (inSplit && ofType) {
                    items.add(item);
                }
            }
        }
        if (items.isEmpty()) {
            throw new NarrativeException("no labelled items in " + files + " for split " + split
                    + (entityTypes.isEmpty() ? "" : " and entity types " + entityTypes));
        }
        return items;
    }

    /** The columns of a scored row that the metrics need, decoded by Spark (snake_case names). */
    @lombok.Data
    @lombok.NoArgsConstructor
    public static class ScoredItemView {
        private String id;
        private String lang;
        private String split;
        private String entity_type;
        private int gold;
        private String gold_target;
        private int mention_found;
        private double score;
        private String label;

        ScoredItem toItem() {
            ScoredItem item = new ScoredItem();
            item.setId(id);
            item.setLang(lang);
            item.setSplit(split);
            item.setEntityType(entity_type);
            item.setGold(gold);
            item.setGoldTarget(gold_target);
            item.setMentionFound(mention_found);
            item.setScore(score);
            item.setLabel(label == null ? StanceLabels.NEUTRAL : label);
            return item;
        }
    }
}
