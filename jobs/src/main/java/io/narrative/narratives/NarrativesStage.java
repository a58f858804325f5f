package io.narrative.narratives;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;

import io.narrative.core.Columns;
import io.narrative.core.SchemaCheck;
import io.narrative.core.config.EncoderConfig;
import io.narrative.core.config.NarrativesConfig;
import io.narrative.core.io.SerializableHadoopConf;
import io.narrative.encoder.SentenceEmbedder;
import io.narrative.encoder.SharedModels;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;

/**
 * The narratives stage: which of the described storylines (conf/narratives.yaml) each sentence and each
 * document carries, with the sentences as evidence.
 *
 * <p>Requires: sentences (doc_id string, sentence_id int, text string); mentions (doc_id, sentence_id) of the
 * stance stage; optionally sentence_embeddings (doc_id, sentence_id, embedding array&lt;float&gt;), e5's
 * vectors of the sentences stance encoded. Produces {@code sentence_narratives} (doc_id, sentence_id,
 * narrative_id, score: every score of at least {@code narratives.min_score}) and {@code doc_narratives}
 * (doc_id, narrative_id, score, n_sentences, evidence_sentence_ids).
 *
 * <p>Only candidate sentences are scored: those that mention a stance target or name one of a narrative's
 * cues, so that the encoder's cost stays bounded by the sentences that can carry a storyline. A sentence the
 * stance stage encoded is never encoded again: its vector is read from sentence_embeddings. A sentence's
 * score for a narrative is calibrated ({@link NarrativeSpace}); it carries the narrative at
 * {@code narratives.threshold}. A document carries a narrative when at least {@code narratives.min_sentences}
 * of its sentences do; its score is its strongest sentence's, its evidence its strongest sentences.
 */
public final class NarrativesStage {
    public static final String NAME = "narratives";
    /** The flag column of a sentence that mentions a stance target. */
    static final String MENTIONED = "mentioned";
    private static final String[] KEY = {Columns.DOC_ID, Columns.SENTENCE_ID};
    static final SchemaCheck SENTENCES = SchemaCheck.forStage(NAME + " (sentences)")
            .require(Columns.DOC_ID, DataTypes.StringType)
            .require(Columns.SENTENCE_ID, DataTypes.IntegerType)
            .require(Columns.TEXT, DataTypes.StringType);
    static final SchemaCheck MENTIONS = SchemaCheck.forStage(NAME + " (mentions)")
            .require(Columns.DOC_ID, DataTypes.StringType)
            .require(Columns.SENTENCE_ID, DataTypes.IntegerType);
    static final SchemaCheck EMBEDDINGS = SchemaCheck.forStage(NAME + " (sentence_embeddings)")
            .require(Columns.DOC_ID, DataTypes.StringType)
            .require(Columns.SENTENCE_ID, DataTypes.IntegerType)
            .require(Columns.EMBEDDING, DataTypes.createArrayType(DataTypes.FloatType, false));
    static final StructType SENTENCE_NARRATIVES = new StructType()
            .add(Columns.DOC_ID, DataTypes.StringType, false)
            .add(Columns.SENTENCE_ID, DataTypes.IntegerType, false)
            .add(Columns.NARRATIVE_ID, DataTypes.StringType, false)
            .add(Columns.SCORE, DataTypes.DoubleType, false);

    /** The two tables (sentence rows persisted until {@link #release()}) and how many candidates were scored. */
    public record Result(Dataset<Row> sentenceNarratives, Dataset<Row> docNarratives, LongAccumulator reused,
            LongAccumulator encoded) {
        public void release() {
            sentenceNarratives.unpersist();
        }
    }

    private final NarrativesConfig config;
    private final NarrativeSpace space;
    private final CueMatcher cues;
    private final String modelPath;
    private final int batchTokens;

    public NarrativesStage(NarrativesConfig config, NarrativeCatalog catalog, NarrativeSpace space,
            EncoderConfig encoder) {
        this.config = config;
        this.space = space;
        this.cues = new CueMatcher(catalog.cues(), catalog.cueExceptions());
        this.modelPath = encoder.effectiveModel();
        this.batchTokens = encoder.getBatchTokens();
    }

    /** The encoder as published, on the driver (the model is loaded once per JVM and shared). */
    public static SentenceEmbedder embedder(EncoderConfig encoder, Configuration hadoop) {
        return new SentenceEmbedder(SharedModels.get(encoder.effectiveModel(), hadoop), null, encoder.getBatchTokens());
    }

    /** {@code embeddings} may be null: then every candidate sentence is encoded here. */
    public Result apply(Dataset<Row> sentences, Dataset<Row> mentions, Dataset<Row> embeddings) {
        SENTENCES.check(sentences);
        MENTIONS.check(mentions);
        if (embeddings != null) {
            EMBEDDINGS.check(embeddings);
        }
        SparkSession spark = sentences.sparkSession();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<NarrativeSpace> sharedSpace = jsc.broadcast(space);
        Broadcast<CueMatcher> sharedCues = jsc.broadcast(cues);
        SerializableHadoopConf hadoop = new SerializableHadoopConf(spark.sparkContext().hadoopConfiguration());
        LongAccumulator reused = spark.sparkContext().longAccumulator("narratives.reused");
        LongAccumulator encoded = spark.sparkContext().longAccumulator("narratives.encoded");

        Dataset<Row> toEncode = embeddings == null ? flagged(sentences, mentions)
                : sentences.select(Columns.DOC_ID, Columns.SENTENCE_ID, Columns.TEXT)
                        .join(mentionKeys(mentions), KEY, "left_anti").withColumn(MENTIONED, lit(false));
        int cores = spark.sparkContext().defaultParallelism();
        if (toEncode.rdd().getNumPartitions() < cores) {
            toEncode = toEncode.repartition(cores);
        }
        Dataset<Row> scored = toEncode.mapPartitions(new SentenceNarrativesMapper(sharedSpace, sharedCues,
                config.getMinScore(), modelPath, batchTokens, hadoop, encoded), Encoders.row(SENTENCE_NARRATIVES));
        if (embeddings != null) {
            scored = scored.union(embeddings.select(Columns.DOC_ID, Columns.SENTENCE_ID, Columns.EMBEDDING)
                    .mapPartitions(new SentenceNarrativesMapper(sharedSpace, sharedCues, config.getMinScore(), null,
                            batchTokens, hadoop, reused), Encoders.row(SENTENCE_NARRATIVES)));
        }
        scored = scored.persist(StorageLevel.MEMORY_AND_DISK());
        return new Result(scored, documents(scored), reused, encoded);
    }

    /**
     * The candidate sentences (doc_id, sentence_id), without encoding anything: what the candidate rule lets
     * through, for measuring it.
     */
    public Dataset<Row> candidates(Dataset<Row> sentences, Dataset<Row> mentions) {
        SENTENCES.check(sentences);
        MENTIONS.check(mentions);
        Broadcast<CueMatcher> shared = JavaSparkContext.fromSparkContext(sentences.sparkSession().sparkContext())
                .broadcast(cues);
        return flagged(sentences, mentions)
                .filter((FilterFunction<Row>) r -> Boolean.TRUE.equals(r.getAs(MENTIONED))
                        || shared.value().matches(r.getAs(Columns.TEXT)))
                .select(Columns.DOC_ID, Columns.SENTENCE_ID);
    }

    /** (doc_id, sentence_id) of the sentences that mention a target: small next to the sentences, broadcast. */
    private static Dataset<Row> mentionKeys(Dataset<Row> mentions) {
        return broadcast(mentions.select(Columns.DOC_ID, Columns.SENTENCE_ID).distinct()
                .withColumn(MENTIONED, lit(true)));
    }

    /** Sentences (doc_id, sentence_id, text) with the flag {@code mentioned}: true, or null when not. */
    private static Dataset<Row> flagged(Dataset<Row> sentences, Dataset<Row> mentions) {
        return sentences.select(Columns.DOC_ID, Columns.SENTENCE_ID, Columns.TEXT)
                .join(mentionKeys(mentions), KEY, "left");
    }

    Dataset<Row> documents(Dataset<Row> sentenceNarratives) {
        return sentenceNarratives.filter(col(Columns.SCORE).geq(config.getThreshold()))
                .groupBy(Columns.DOC_ID, Columns.NARRATIVE_ID)
                .agg(max(Columns.SCORE).as(Columns.SCORE), count(lit(1)).cast("int").as(Columns.N_SENTENCES),
                        sort_array(collect_list(struct(col(Columns.SCORE).as("s"), col(Columns.SENTENCE_ID).as("id"))),
                                false).as("ranked"))
                .filter(col(Columns.N_SENTENCES).geq(config.getMinSentences()))
                .withColumn(Columns.EVIDENCE_SENTENCE_IDS,
                        expr("transform(slice(ranked, 1, " + config.getEvidenceSentences() + "), r -> r.id)"))
                .select(Columns.DOC_ID, Columns.NARRATIVE_ID, Columns.SCORE, Columns.N_SENTENCES,
                        Columns.EVIDENCE_SENTENCE_IDS);
    }
}
