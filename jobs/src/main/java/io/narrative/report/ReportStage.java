package io.narrative.report;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.narrative.core.Columns;
import io.narrative.core.SchemaCheck;
import io.narrative.core.config.ReportConfig;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * The report stage: joins document stance with topics, dates and outlets into the tables analysts read.
 *
 * <p>Requires: documents (doc_id, source, published date, lang), doc_stance (doc_id, target, n_mentions,
 * score, label, confidence, evidence_sentence_ids), doc_topics (doc_id, lang, dominant_topic, weights),
 * topics (lang, topic_id, label). Produces {@code narratives}, {@code stance_timeline},
 * {@code stance_by_source} and {@code topic_timeline}; every table has {@code low_count}, true for a cell
 * with fewer than {@code report.min_docs} documents, which is to be shown as such, not as a finding.
 */
public final class ReportStage {
    public static final String NAME = "report";
    static final SchemaCheck DOCUMENTS = SchemaCheck.forStage(NAME + " (documents)")
            .require(Columns.DOC_ID, DataTypes.StringType).require(Columns.SOURCE, DataTypes.StringType)
            .require(Columns.PUBLISHED, DataTypes.DateType).require(Columns.LANG, DataTypes.StringType);
    static final SchemaCheck DOC_STANCE = SchemaCheck.forStage(NAME + " (doc_stance)")
            .require(Columns.DOC_ID, DataTypes.StringType).require(Columns.TARGET, DataTypes.StringType)
            .require(Columns.N_MENTIONS, DataTypes.IntegerType).require(Columns.SCORE, DataTypes.DoubleType)
            .require(Columns.LABEL, DataTypes.StringType).require(Columns.CONFIDENCE, DataTypes.DoubleType)
            .require(Columns.EVIDENCE_SENTENCE_IDS, DataTypes.createArrayType(DataTypes.IntegerType));
    static final SchemaCheck DOC_TOPICS = SchemaCheck.forStage(NAME + " (doc_topics)")
            .require(Columns.DOC_ID, DataTypes.StringType).require(Columns.LANG, DataTypes.StringType)
            .require("dominant_topic", DataTypes.IntegerType)
            .require("weights", DataTypes.createArrayType(DataTypes.DoubleType));
    static final SchemaCheck TOPICS = SchemaCheck.forStage(NAME + " (topics)")
            .require(Columns.LANG, DataTypes.StringType).require(Columns.TOPIC_ID, DataTypes.IntegerType)
            .require(Columns.LABEL, DataTypes.StringType);

    static final SchemaCheck DOC_NARRATIVES = SchemaCheck.forStage(NAME + " (doc_narratives)")
            .require(Columns.DOC_ID, DataTypes.StringType).require(Columns.NARRATIVE_ID, DataTypes.StringType);

    /** The three narrative tables. */
    public record NarrativeResult(Dataset<Row> timeline, Dataset<Row> bySource, Dataset<Row> stance) {
    }

    /** The four tables, and the documents with stance but no date (left out of the timeline, counted). */
    public record Result(Dataset<Row> narratives, Dataset<Row> stanceTimeline, Dataset<Row> stanceBySource,
            Dataset<Row> topicTimeline, Dataset<Row> undatedStanceDocs) {
    }

    private final ReportConfig config;

    public ReportStage(ReportConfig config) {
        this.config = config;
    }

    public Result apply(Dataset<Row> documents, Dataset<Row> docStance, Dataset<Row> docTopics, Dataset<Row> topics) {
        DOCUMENTS.check(documents);
        DOC_STANCE.check(docStance);
        DOC_TOPICS.check(docTopics);
        TOPICS.check(topics);
        Dataset<Row> docs = documents.select(col(Columns.DOC_ID), coalesce(col(Columns.SOURCE), lit("unknown"))
                .as(Columns.SOURCE), col(Columns.PUBLISHED), col(Columns.LANG));
        Dataset<Row> stance = docStance.join(docs, Columns.DOC_ID);
        Column period = date_trunc(config.getPeriod(), col(Columns.PUBLISHED)).cast(DataTypes.DateType)
                .as(Columns.PERIOD_START);

        Dataset<Row> timeline = withStats(stance.filter(col(Columns.PUBLISHED).isNotNull())
                .groupBy(period, col(Columns.TARGET), col(Columns.LANG)))
                .orderBy(Columns.PERIOD_START, Columns.TARGET, Columns.LANG);
        Dataset<Row> bySource = withStats(stance.groupBy(Columns.SOURCE, Columns.TARGET))
                .orderBy(Columns.SOURCE, Columns.TARGET);
        return new Result(narratives(docStance, docTopics, topics), timeline, bySource,
                topicTimeline(docTopics, docs, period),
                stance.filter(col(Columns.PUBLISHED).isNull()).select(Columns.DOC_ID).distinct());
    }

    private Dataset<Row> narratives(Dataset<Row> docStance, Dataset<Row> docTopics, Dataset<Row> topics) {
        Dataset<Row> dominant = docTopics.select(col(Columns.DOC_ID), col(Columns.LANG),
                col("dominant_topic").as(Columns.TOPIC_ID));
        Dataset<Row> labels = topics.select(col(Columns.LANG), col(Columns.TOPIC_ID),
                col(Columns.LABEL).as(Columns.TOPIC_LABEL));
        // The most representative evidence: each document's strongest sentence, documents ranked by
        // confidence x |score|.
        Column example = struct(expr("confidence * abs(score)").as("strength"), col(Columns.DOC_ID),
                expr("element_at(evidence_sentence_ids, 1)").as(Columns.SENTENCE_ID));
        Dataset<Row> joined = docStance.join(dominant, Columns.DOC_ID).join(labels,
                new String[] {Columns.LANG, Columns.TOPIC_ID});
        return withStats(joined.groupBy(Columns.LANG, Columns.TOPIC_ID, Columns.TOPIC_LABEL, Columns.TARGET),
                sort_array(collect_list(when(size(col(Columns.EVIDENCE_SENTENCE_IDS)).gt(0), example)), false)
                        .as("ranked"))
                .withColumn(Columns.EXAMPLE_SENTENCE_IDS, expr("transform(slice(ranked, 1, " + config.getExamples()
                        + "), r -> named_struct('doc_id', r.doc_id, 'sentence_id', r.sentence_id))"))
                .select(Columns.LANG, Columns.TOPIC_ID, Columns.TOPIC_LABEL, Columns.TARGET, Columns.N_DOCS,
                        Columns.N_MENTIONS, Columns.MEAN_SCORE, Columns.SHARE_FAVOR, Columns.SHARE_AGAINST,
                        Columns.EXAMPLE_SENTENCE_IDS, Columns.LOW_COUNT)
                .orderBy(Columns.LANG, Columns.TOPIC_ID, Columns.TARGET);
    }

    private Dataset<Row> topicTimeline(Dataset<Row> docTopics, Dataset<Row> docs, Column period) {
        Dataset<Row> dated = docTopics.join(docs.select(Columns.DOC_ID, Columns.PUBLISHED), Columns.DOC_ID)
                .filter(col(Columns.PUBLISHED).isNotNull());
        Dataset<Row> perPeriod = dated.select(period, col(Columns.LANG), col(Columns.DOC_ID),
                posexplode(col("weights")).as(new String[] {Columns.TOPIC_ID, "weight"}));
        return perPeriod.groupBy(Columns.PERIOD_START, Columns.LANG, Columns.TOPIC_ID)
                .agg(avg("weight").as(Columns.PREVALENCE), count(lit(1)).as(Columns.N_DOCS))
                .withColumn(Columns.LOW_COUNT, col(Columns.N_DOCS).lt(config.getMinDocs()))
                .orderBy(Columns.PERIOD_START, Columns.LANG, Columns.TOPIC_ID);
    }

    /**
     * The narrative tables: per period and language, and per outlet, the documents carrying each narrative
     * and their share of all the (distinct) documents of that cell ({@code n_docs_total}; low_count when it
     * is below report.min_docs, as a share of few documents is no finding); and per narrative and target,
     * the stance toward the target in the documents that carry the narrative.
     */
    public NarrativeResult narrativeTables(Dataset<Row> documents, Dataset<Row> docNarratives,
            Dataset<Row> docStance) {
        DOCUMENTS.check(documents);
        DOC_NARRATIVES.check(docNarratives);
        DOC_STANCE.check(docStance);
        Dataset<Row> distinct = java.util.Arrays.asList(documents.columns()).contains(Columns.DUPLICATE_OF)
                ? documents.filter(col(Columns.DUPLICATE_OF).isNull()) : documents;
        Dataset<Row> docs = distinct.select(col(Columns.DOC_ID), coalesce(col(Columns.SOURCE), lit("unknown"))
                .as(Columns.SOURCE), col(Columns.PUBLISHED), col(Columns.LANG));
        Column period = date_trunc(config.getPeriod(), col(Columns.PUBLISHED)).cast(DataTypes.DateType)
                .as(Columns.PERIOD_START);
        Dataset<Row> carried = docNarratives.select(Columns.DOC_ID, Columns.NARRATIVE_ID).join(docs, Columns.DOC_ID);

        Dataset<Row> dated = docs.filter(col(Columns.PUBLISHED).isNotNull());
        Dataset<Row> periodTotals = dated.groupBy(period, col(Columns.LANG))
                .agg(count(lit(1)).as(Columns.N_DOCS_TOTAL));
        Dataset<Row> timeline = shares(carried.filter(col(Columns.PUBLISHED).isNotNull())
                .groupBy(period, col(Columns.NARRATIVE_ID), col(Columns.LANG)).agg(count(lit(1)).as(Columns.N_DOCS)),
                periodTotals, Columns.PERIOD_START, Columns.LANG)
                .select(Columns.PERIOD_START, Columns.NARRATIVE_ID, Columns.LANG, Columns.N_DOCS, Columns.N_DOCS_TOTAL,
                        Columns.SHARE_OF_DOCS, Columns.LOW_COUNT)
                .orderBy(Columns.PERIOD_START, Columns.NARRATIVE_ID, Columns.LANG);
        Dataset<Row> sourceTotals = docs.groupBy(Columns.SOURCE).agg(count(lit(1)).as(Columns.N_DOCS_TOTAL));
        Dataset<Row> bySource = shares(carried.groupBy(Columns.SOURCE, Columns.NARRATIVE_ID)
                .agg(count(lit(1)).as(Columns.N_DOCS)), sourceTotals, Columns.SOURCE)
                .select(Columns.SOURCE, Columns.NARRATIVE_ID, Columns.N_DOCS, Columns.N_DOCS_TOTAL,
                        Columns.SHARE_OF_DOCS, Columns.LOW_COUNT)
                .orderBy(Columns.SOURCE, Columns.NARRATIVE_ID);
        Dataset<Row> stance = withStats(docNarratives.select(Columns.DOC_ID, Columns.NARRATIVE_ID)
                .join(docStance, Columns.DOC_ID).groupBy(Columns.NARRATIVE_ID, Columns.TARGET))
                .select(Columns.NARRATIVE_ID, Columns.TARGET, Columns.N_DOCS, Columns.N_MENTIONS, Columns.MEAN_SCORE,
                        Columns.SHARE_FAVOR, Columns.SHARE_AGAINST, Columns.LOW_COUNT)
                .orderBy(Columns.NARRATIVE_ID, Columns.TARGET);
        return new NarrativeResult(timeline, bySource, stance);
    }

    /** Cell counts joined to their totals: share_of_docs, and low_count when the total is below min_docs. */
    private Dataset<Row> shares(Dataset<Row> counts, Dataset<Row> totals, String... keys) {
        return counts.join(totals, keys)
                .withColumn(Columns.SHARE_OF_DOCS, col(Columns.N_DOCS).divide(col(Columns.N_DOCS_TOTAL)))
                .withColumn(Columns.LOW_COUNT, col(Columns.N_DOCS_TOTAL).lt(config.getMinDocs()));
    }

    /** n_docs, n_mentions, mean_score, share_favor, share_against and low_count of each group. */
    private Dataset<Row> withStats(org.apache.spark.sql.RelationalGroupedDataset groups, Column... extra) {
        Column[] aggregates = new Column[4 + extra.length];
        aggregates[0] = sum(Columns.N_MENTIONS).as(Columns.N_MENTIONS);
        aggregates[1] = avg(Columns.SCORE).as(Columns.MEAN_SCORE);
        aggregates[2] = avg(when(col(Columns.LABEL).equalTo("favor"), 1.0).otherwise(0.0)).as(Columns.SHARE_FAVOR);
        aggregates[3] = avg(when(col(Columns.LABEL).equalTo("against"), 1.0).otherwise(0.0)).as(Columns.SHARE_AGAINST);
        System.arraycopy(extra, 0, aggregates, 4, extra.length);
        return groups.agg(count(lit(1)).as(Columns.N_DOCS), aggregates)
                .withColumn(Columns.LOW_COUNT, col(Columns.N_DOCS).lt(config.getMinDocs()));
    }
}
