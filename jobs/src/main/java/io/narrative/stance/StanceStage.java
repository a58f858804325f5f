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
 * evidence) and {@code doc_stance} (doc_id, target, n_mentions, score, label, confidence,
 * evidence_sentence_ids).
 *
 * <p>Scores come from the lexicon and role rules ({@link SentenceScorer}) or, when {@code stance.model}
 * names a model saved by train-stance, from that model over the same rule features; evidence always comes
 * from the rules, so a reader can see which words moved a sentence.
 *
 * <p>A document's score is the mean of its sentence scores weighted by mentions, with the lead paragraphs
 * weighted up. Its confidence is, for favor or against, the agreement of its sentences (|sum w s| / sum
 * w|s|) times 1 - exp(-2 x evidence), where evidence is the sum of |s|; for neutral, how far the score is
 * inside the neutral band times 1 - exp(-mentions / 3).
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

    /** The three tables; the scored sentence rows are persisted until {@link #release()}. */
    public record Result(Dataset<Row> mentions, Dataset<Row> sentenceStance, Dataset<Row> docStance,
            Dataset<Row> cached) {
        public void release() {
            cached.unpersist();
        }
    }

    private final StanceConfig config;
    private final StanceResources resources;
    private final PipelineModel model;

    /** {@code model} may be null: the rules alone. */
    public StanceStage(StanceConfig config, StanceResources resources, PipelineModel model) {
        this.config = config;
        this.resources = resources;
        this.model = model;
    }

    public Result apply(Dataset<Row> sentences) {
        INPUT.check(sentences);
        Broadcast<StanceResources> shared = JavaSparkContext
                .fromSparkContext(sentences.sparkSession().sparkContext()).broadcast(resources);
        Dataset<Row> rows = SnakeCase.table(sentences
                .select(Columns.DOC_ID, Columns.SENTENCE_ID, Columns.PARAGRAPH_ID, Columns.LANG, Columns.TEXT,
                        Columns.CHAR_START)
                .mapPartitions(new SentenceStanceMapper(shared, config), Encoders.bean(SentenceStanceRow.class)));
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
                Columns.LANG, Columns.TARGET, Columns.N_MENTIONS, Columns.SCORE, Columns.LABEL, Columns.EVIDENCE);
        return new Result(mentions, sentenceStance, documentStance(sentenceStance), rows);
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
                        sort_array(collect_list(struct(col("w").multiply(abs(col(Columns.SCORE))).as("strength"),
                                col(Columns.SENTENCE_ID).as("id"))), false).as("ranked"));
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
        return scored.withColumn(Columns.CONFIDENCE, confidence)
                .withColumn(Columns.EVIDENCE_SENTENCE_IDS, expr("transform(slice(filter(ranked, r -> r.strength > 0),"
                        + " 1, " + config.getEvidenceSentences() + "), r -> r.id)"))
                .select(Columns.DOC_ID, Columns.TARGET, Columns.N_MENTIONS, Columns.SCORE, Columns.LABEL,
                        Columns.CONFIDENCE, Columns.EVIDENCE_SENTENCE_IDS);
    }
}
