package io.narrative.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import io.narrative.core.Columns;
import io.narrative.core.SnakeCase;
import io.narrative.core.config.IngestConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * The ingest stage: raw records in, documents and rejects out.
 *
 * <p>Requires: a dataset of {@link RawRecord}. Produces: {@code documents} (doc_id, input_root, input_path, position,
 * source, url, title, published, lang, lang_shares, paragraph_langs, text, n_chars, content_hash,
 * duplicate_of, flags) and {@code rejects} (input_root, input_path, position, doc_id, reason, detail,
 * excerpt). Every record lands in exactly one of them.
 *
 * <p>Steps: clean into paragraphs; find and drop corpus-level boilerplate; reject empty and over-long
 * texts; identify languages per paragraph; parse dates; reject repeated ids (the first record keeps the
 * id); mark exact duplicates (same content hash) and near duplicates (MinHash LSH) with the doc_id of the
 * earliest copy. Parameters: the {@code ingest} section of the config.
 */
public final class IngestStage {
    public static final String NAME = "ingest";
    static final String[] DOCUMENT_COLUMNS = {Columns.DOC_ID, Columns.INPUT_ROOT, Columns.INPUT_PATH, Columns.POSITION, Columns.SOURCE,
        Columns.URL, Columns.TITLE, Columns.PUBLISHED, Columns.LANG, Columns.LANG_SHARES, Columns.PARAGRAPH_LANGS,
        Columns.TEXT, Columns.N_CHARS, Columns.CONTENT_HASH, Columns.DUPLICATE_OF, Columns.FLAGS};
    static final String[] REJECT_COLUMNS = {Columns.INPUT_ROOT, Columns.INPUT_PATH, Columns.POSITION,
        Columns.DOC_ID, Columns.REASON, Columns.DETAIL, Columns.EXCERPT};

    /**
     * The stage's two outputs plus what it counted on the way: records read per input index (counted as
     * they leave the readers, before any other step, so that reconciliation checks the stage). {@code records}
     * is every record after the stage (documents and rejects) with input_index, input_root and reason, for
     * reconciliation. The three read persisted data: call {@link #release()} when done with them.
     */
    public record Result(Dataset<Row> documents, Dataset<Row> rejects, Dataset<Row> records,
            Map<Integer, Long> recordsRead, long boilerplateEntries, Runnable onRelease) {
        /** Unpersists what the stage persisted. */
        public void release() {
            onRelease.run();
        }
    }

    private final IngestConfig config;
    private final long broadcastRows;

    public IngestStage(IngestConfig config) {
        this(config, SmallSides.DEFAULT_BROADCAST_ROWS);
    }

    /** @param broadcastRows the largest repeated-id or duplicate table joined by broadcast (tests set 0) */
    IngestStage(IngestConfig config, long broadcastRows) {
        this.config = config;
        this.broadcastRows = broadcastRows;
        LanguageIdentifier.checkSupported(config.getLanguages(), "ingest.languages");
        LanguageIdentifier.checkSupported(config.getOtherLanguages(), "ingest.other_languages");
    }

    /** Applies the stage; runs the actions that count the small sides of its joins. */
    public Result apply(Dataset<RawRecord> raw) {
        Dataset<IngestRecord> cleaned = raw.map(new RecordCleaner(config), Encoders.bean(IngestRecord.class))
                .persist(StorageLevel.MEMORY_AND_DISK());
        Map<Integer, Long> recordsRead = new HashMap<>();
        for (Row row : cleaned.groupBy("inputIndex").count().collectAsList()) {
            recordsRead.put(row.getInt(0), row.getLong(1));
        }
        Set<String> boilerplate = BoilerplateDetector.detect(cleaned, config.getBoilerplate());
        var broadcast = JavaSparkContext.fromSparkContext(raw.sparkSession().sparkContext()).broadcast(boilerplate);
        Dataset<Row> built = SnakeCase.table(cleaned.mapPartitions(new DocumentBuilder(config, broadcast),
                Encoders.bean(IngestRecord.class))).persist(StorageLevel.MEMORY_AND_DISK());
        SmallSides sides = new SmallSides(broadcastRows);
        Dataset<Row> records = rejectRepeatedIds(built, sides);
        cleaned.unpersist();

        Dataset<Row> documents = markDuplicates(records.filter(col(Columns.REASON).isNull()), sides)
                .select(cols(DOCUMENT_COLUMNS));
        Dataset<Row> rejects = records.filter(col(Columns.REASON).isNotNull()).select(cols(REJECT_COLUMNS));
        return new Result(documents, rejects, records, recordsRead, boilerplate.size(), () -> {
            sides.release();
            built.unpersist();
        });
    }

    /** The order of records in the input: the earliest of several records keeps what they share. */
    private static Column inputOrder() {
        return struct(col("input_index"), col(Columns.INPUT_PATH), col(Columns.POSITION));
    }

    /**
     * Rejects every record but the earliest of those that share an id. Only the ids are aggregated: the
     * records, texts included, are not shuffled unless repeated ids are too many to broadcast.
     */
    private Dataset<Row> rejectRepeatedIds(Dataset<Row> built, SmallSides sides) {
        SmallSides.Side repeatedIds = sides.of(built.filter(col(Columns.REASON).isNull())
                .groupBy(Columns.DOC_ID)
                .agg(count(lit(1)).as("n"), min(inputOrder()).as("first_order"))
                .filter(col("n").gt(1))
                .select(Columns.DOC_ID, "first_order"));
        Column repeated = col(Columns.REASON).isNull().and(col("first_order").isNotNull())
                .and(inputOrder().notEqual(col("first_order")));
        RejectReason reason = RejectReason.DUPLICATE_ID;
        return repeatedIds.joinedTo(built, Columns.DOC_ID, "left")
                .withColumn(Columns.EXCERPT, when(repeated, substring(col(Columns.TEXT), 1, config.getExcerptChars()))
                        .otherwise(col(Columns.EXCERPT)))
                .withColumn(Columns.DETAIL, when(repeated, lit(reason.description())).otherwise(col(Columns.DETAIL)))
                .withColumn(Columns.REASON, when(repeated, lit(reason.code())).otherwise(col(Columns.REASON)))
                .drop("first_order");
    }

    private Dataset<Row> markDuplicates(Dataset<Row> documents, SmallSides sides) {
        Dataset<Row> marked = documents.withColumn(Columns.DUPLICATE_OF, lit(null).cast("string"));
        if (config.getDuplicates().isExact()) {
            SmallSides.Side copies = sides.of(documents.groupBy(Columns.CONTENT_HASH)
                    .agg(count(lit(1)).as("n"), min_by(col(Columns.DOC_ID), inputOrder()).as("earliest"))
                    .filter(col("n").gt(1))
                    .select(Columns.CONTENT_HASH, "earliest"));
            marked = copies.joinedTo(marked, Columns.CONTENT_HASH, "left")
                    .withColumn(Columns.DUPLICATE_OF, when(col("earliest").notEqual(col(Columns.DOC_ID)),
                            col("earliest")))
                    .drop("earliest");
        }
        if (config.getDuplicates().isNear()) {
            Dataset<Row> canonical = marked.filter(col(Columns.DUPLICATE_OF).isNull())
                    .select(Columns.DOC_ID, "input_index", Columns.INPUT_PATH, Columns.POSITION, Columns.TEXT);
            SmallSides.Side near = sides.of(NearDuplicates.find(canonical, config.getDuplicates(), sides));
            marked = near.joinedTo(marked, Columns.DOC_ID, "left")
                    .withColumn(Columns.DUPLICATE_OF, coalesce(col(Columns.DUPLICATE_OF), col("near_duplicate_of")))
                    .drop("near_duplicate_of");
        }
        return marked;
    }

    private static Column[] cols(String... names) {
        Column[] columns = new Column[names.length];
        for (int i = 0; i < names.length; i++) {
            columns[i] = col(names[i]);
        }
        return columns;
    }
}
