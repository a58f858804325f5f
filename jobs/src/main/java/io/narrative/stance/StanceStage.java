package io.narrative.stance;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.narrative.core.Columns;
import io.narrative.core.SchemaCheck;
import io.narrative.core.SnakeCase;
import io.narrative.core.config.StanceConfig;
import io.narrative.core.io.SerializableHadoopConf;
import io.narrative.stance.lexicon.StanceResources;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;

/**
 * The stance stage: sentences in; target mentions, the stance of each sentence toward each target it
 * mentions (with evidence) and of each document toward each target (with a confidence) out.
 *
 * <p>Requires: sentences (doc_id string, sentence_id int, paragraph_id int, lang string, text string,
 * char_start int). Produces: {@code mentions} (doc_id, sentence_id, target, alias, char_start, char_end),
 * {@code sentence_stance} (doc_id, sentence_id, paragraph_id, lang, target, n_mentions, score, label,
 * p_against, p_neutral, p_favor, evidence) and {@code doc_stance} (doc_id, target, n_mentions, score, label,
 * confidence, p_against, p_neutral, p_favor, evidence_sentence_ids); the probabilities are null with the
 * rules.
 *
 * <p>Scores come from the encoder head ({@link EncoderStance}: class probabilities per target, score
 * P(favor) - P(against)), or from the lexicon and role rules ({@link SentenceScorer}), optionally
 * re-weighted by a rule-feature model saved by train-stance. Mentions and evidence always come from the
 * rules, so a reader can see which words moved a sentence.
 *
 * <p>A document's stance weighs its sentences by mentions, the lead paragraphs weighted up: with the
 * encoder, the weighted mean of the class probabilities (label = likeliest class, confidence = its
 * probability); with the rules, see {@link #byRules}.
 */
public final class StanceStage {
    public static final String NAME = "stance";
    static final SchemaCheck INPUT = SchemaCheck.forStage(NAME)
            .require(Columns.DOC_ID, DataTypes.StringType)
            .require(Columns.SENTENCE_ID, DataTypes.IntegerType)
            .require(Columns.PARAGRAPH_ID, DataTypes.IntegerType)
            .require(Columns.LANG, DataTypes.StringType)
            .require(Columns.TEXT, DataTypes.StringType)
            .require(Columns.CHAR_START, DataTypes.IntegerType);

    /**
     * The three tables and, with the encoder and sentence vectors asked for, sentence_embeddings (else
     * null); the scored sentence rows are persisted until {@link #release()}.
     */
    public record Result(Dataset<Row> mentions, Dataset<Row> sentenceStance, Dataset<Row> docStance,
            Dataset<Row> sentenceEmbeddings, Dataset<Row> cached) {
        public void release() {
            cached.unpersist();
        }
    }

    private final StanceConfig config;
    private final StanceResources resources;
    private final PipelineModel model;
    private final StanceHead head;
    private final String encoderModel;
    private boolean sentenceVectors;

    private StanceStage(StanceConfig config, StanceResources resources, PipelineModel model, StanceHead head,
            String encoderModel) {
        this.config = config;
        this.resources = resources;
        this.model = model;
        this.head = head;
        this.encoderModel = encoderModel;
    }

    /**
     * With the encoder: also give each encoded sentence's vector from the encoder as published
     * ({@code sentence_embeddings}), computed in the same pass (the blocks below the head's adapted ones run
     * once), so that a later stage need not encode these sentences again.
     */
    public StanceStage withSentenceVectors(boolean wanted) {
        this.sentenceVectors = wanted && head != null;
        return this;
    }

    /** The lexicon and role rules, re-weighted by {@code model} (saved by train-stance) unless it is null. */
    public static StanceStage rules(StanceConfig config, StanceResources resources, PipelineModel model) {
        return new StanceStage(config, resources, model, null, null);
    }

    /** The encoder head over the encoder at {@code encoderModel} (a Hadoop path every executor can read). */
    public static StanceStage encoder(StanceConfig config, StanceResources resources, StanceHead head,
            String encoderModel) {
        return new StanceStage(config, resources, null, head, encoderModel);
    }

    public Result apply(Dataset<Row> sentences) {
        INPUT.check(sentences);
        int cores = sentences.sparkSession().sparkContext().defaultParallelism();
        if (head != null && sentences.rdd().getNumPartitions() < cores) {
            // the encoder is the costly part: a small table in few files would leave cores idle
            sentences = sentences.repartition(cores);
        }
        Broadcast<StanceResources> shared = JavaSparkContext
                .fromSparkContext(sentences.sparkSession().sparkContext()).broadcast(resources);
        Dataset<Row> rows = SnakeCase.table(sentences
                .select(Columns.DOC_ID, Columns.SENTENCE_ID, Columns.PARAGRAPH_ID, Columns.LANG, Columns.TEXT,
                        Columns.CHAR_START)
                .mapPartitions(new SentenceStanceMapper(shared, config, head, encoderModel,
                        new SerializableHadoopConf(sentences.sparkSession().sparkContext().hadoopConfiguration()),
                        sentenceVectors),
                        Encoders.bean(SentenceStanceRow.class)));
        if (model != null) {
            rows = StanceModel.apply(model, rows, Columns.SCORE, Columns.LABEL);
        }
        rows = rows.persist(StorageLevel.MEMORY_AND_DISK());

        Dataset<Row> mentions = rows
                .select(col(Columns.DOC_ID), col(Columns.SENTENCE_ID), col(Columns.TARGET),
                        explode(col("mentions")).as("m"))
                .select(col(Columns.DOC_ID), col(Columns.SENTENCE_ID), col(Columns.TARGET),
                        col("m.alias").as(Columns.ALIAS), col("m.char_start").as(Columns.CHAR_START),
                        col("m.char_end").as(Columns.CHAR_END));
        Dataset<Row> sentenceStance = rows.select(Columns.DOC_ID, Columns.SENTENCE_ID, Columns.PARAGRAPH_ID,
                Columns.LANG, Columns.TARGET, Columns.N_MENTIONS, Columns.SCORE, Columns.LABEL, Columns.P_AGAINST,
                Columns.P_NEUTRAL, Columns.P_FAVOR, Columns.EVIDENCE);
        Dataset<Row> embeddings = !sentenceVectors ? null : rows.filter(col(Columns.EMBEDDING).isNotNull())
                .select(Columns.DOC_ID, Columns.SENTENCE_ID, Columns.EMBEDDING);
        return new Result(mentions, sentenceStance, documentStance(sentenceStance), embeddings, rows);
    }

    Dataset<Row> documentStance(Dataset<Row> sentenceStance) {
        Column weight = col(Columns.N_MENTIONS).multiply(
                when(col(Columns.PARAGRAPH_ID).lt(config.getLeadParagraphs()), lit(config.getLeadWeight()))
                        .otherwise(lit(1.0)));
        Dataset<Row> sums = sentenceStance
                .withColumn("w", weight)
                .groupBy(Columns.DOC_ID, Columns.TARGET)
                .agg(sum(Columns.N_MENTIONS).cast("int").as(Columns.N_MENTIONS),
                        sum("w").as("sw"),
                        sum(col("w").multiply(col(Columns.SCORE))).as("sws"),
                        sum(col("w").multiply(abs(col(Columns.SCORE)))).as("swabs"),
                        sum(abs(col(Columns.SCORE))).as("mass"),
                        sum(col("w").multiply(col(Columns.P_AGAINST))).as("swa"),
                        sum(col("w").multiply(col(Columns.P_NEUTRAL))).as("swn"),
                        sum(col("w").multiply(col(Columns.P_FAVOR))).as("swf"),
                        sort_array(collect_list(struct(col("w").multiply(abs(col(Columns.SCORE))).as("strength"),
                                col(Columns.SENTENCE_ID).as("id"))), false).as("ranked"));
        Dataset<Row> scored = head != null ? byProbabilities(sums) : byRules(sums);
        return scored.withColumn(Columns.EVIDENCE_SENTENCE_IDS, expr("transform(slice(filter(ranked, r -> r.strength"
                        + " > 0), 1, " + config.getEvidenceSentences() + "), r -> r.id)"))
                .select(Columns.DOC_ID, Columns.TARGET, Columns.N_MENTIONS, Columns.SCORE, Columns.LABEL,
                        Columns.CONFIDENCE, Columns.P_AGAINST, Columns.P_NEUTRAL, Columns.P_FAVOR,
                        Columns.EVIDENCE_SENTENCE_IDS);
    }

    /**
     * The encoder's document stance: the weighted mean of its sentences' class probabilities; the label is
     * the likeliest class and the confidence its probability.
     */
    private static Dataset<Row> byProbabilities(Dataset<Row> sums) {
        Column pa = col("swa").divide(col("sw"));
        Column pn = col("swn").divide(col("sw"));
        Column pf = col("swf").divide(col("sw"));
        Dataset<Row> p = sums.withColumn(Columns.P_AGAINST, pa).withColumn(Columns.P_NEUTRAL, pn)
                .withColumn(Columns.P_FAVOR, pf);
        Column a = col(Columns.P_AGAINST);
        Column n = col(Columns.P_NEUTRAL);
        Column f = col(Columns.P_FAVOR);
        return p.withColumn(Columns.SCORE, f.minus(a))
                .withColumn(Columns.LABEL, when(f.gt(a).and(f.gt(n)), lit(StanceLabels.FAVOR))
                        .when(a.gt(n).and(a.geq(f)), lit(StanceLabels.AGAINST)).otherwise(lit(StanceLabels.NEUTRAL)))
                .withColumn(Columns.CONFIDENCE, greatest(a, n, f));
    }

    /**
     * The rules' document stance: confidence is, for favor or against, the agreement of its sentences
     * (|sum w s| / sum w|s|) times 1 - exp(-2 x evidence); for neutral, how far the score is inside the
     * neutral band times 1 - exp(-mentions / 3). No class probabilities.
     */
    private Dataset<Row> byRules(Dataset<Row> sums) {
        Column score = col("sws").divide(col("sw"));
        Dataset<Row> scored = sums.withColumn(Columns.SCORE, score)
                .withColumn(Columns.LABEL, when(col(Columns.SCORE).geq(config.getFavorThreshold())
                        .and(col(Columns.SCORE).gt(0)), lit(StanceLabels.FAVOR))
                        .when(col(Columns.SCORE).leq(config.getAgainstThreshold()).and(col(Columns.SCORE).lt(0)),
                                lit(StanceLabels.AGAINST))
                        .otherwise(lit(StanceLabels.NEUTRAL)));
        Column agreement = when(col("swabs").gt(0), abs(col("sws")).divide(col("swabs"))).otherwise(lit(1.0));
        Column polarConfidence = agreement.multiply(lit(1.0).minus(exp(col("mass").multiply(-2.0))));
        Column band = when(col(Columns.SCORE).geq(0), lit(Math.max(config.getFavorThreshold(), 1e-9)))
                .otherwise(lit(Math.max(-config.getAgainstThreshold(), 1e-9)));
        Column neutralConfidence = greatest(lit(0.0), lit(1.0).minus(abs(col(Columns.SCORE)).divide(band)))
                .multiply(lit(1.0).minus(exp(col(Columns.N_MENTIONS).divide(-3.0))));
        Column confidence = least(lit(1.0), greatest(lit(0.0),
                when(col(Columns.LABEL).equalTo(StanceLabels.NEUTRAL), neutralConfidence).otherwise(polarConfidence)));
        Column none = lit(null).cast(DataTypes.DoubleType);
        return scored.withColumn(Columns.CONFIDENCE, confidence).withColumn(Columns.P_AGAINST, none)
                .withColumn(Columns.P_NEUTRAL, none).withColumn(Columns.P_FAVOR, none);
    }
}
