package io.narrative.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
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
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
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
     * they leave the readers, before any other step, so that reconciliation checks the stage).
     */
    public record Result(Dataset<Row> documents, Dataset<Row> rejects, Dataset<Row> records,
            Map<Integer, Long> recordsRead, long boilerplateEntries) {
    }

    private final IngestConfig config;

    public IngestStage(IngestConfig config) {
        this.config = config;
        LanguageIdentifier.checkSupported(config.getLanguages(), "ingest.languages");
        LanguageIdentifier.checkSupported(config.getOtherLanguages(), "ingest.other_languages");
    }

    /**
     * Applies the stage. {@code records} in the result is every record after the stage (documents and
     * rejects, persisted) with input_index, input_root and reason, for reconciliation; unpersist it when done.
     */
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
                Encoders.bean(IngestRecord.class)));
        Dataset<Row> records = rejectRepeatedIds(built).persist(StorageLevel.MEMORY_AND_DISK());
        records.count();
        cleaned.unpersist();

        Dataset<Row> documents = markDuplicates(records.filter(col(Columns.REASON).isNull()))
                .select(cols(DOCUMENT_COLUMNS));
        Dataset<Row> rejects = records.filter(col(Columns.REASON).isNotNull()).select(cols(REJECT_COLUMNS));
        return new Result(documents, rejects, records, recordsRead, boilerplate.size());
    }

    private Dataset<Row> rejectRepeatedIds(Dataset<Row> built) {
        WindowSpec byId = Window.partitionBy(col(Columns.DOC_ID), col(Columns.REASON).isNull())
                .orderBy("input_index", Columns.INPUT_PATH, Columns.POSITION);
        Column repeated = col(Columns.REASON).isNull().and(row_number().over(byId).gt(1));
        RejectReason reason = RejectReason.DUPLICATE_ID;
        return built
                .withColumn(Columns.EXCERPT, when(repeated, substring(col(Columns.TEXT), 1, config.getExcerptChars()))
                        .otherwise(col(Columns.EXCERPT)))
                .withColumn(Columns.DETAIL, when(repeated, lit(reason.description())).otherwise(col(Columns.DETAIL)))
                .withColumn(Columns.REASON, when(repeated, lit(reason.code())).otherwise(col(Columns.REASON)));
    }

    private Dataset<Row> markDuplicates(Dataset<Row> documents) {
        Dataset<Row> marked = documents.withColumn(Columns.DUPLICATE_OF, lit(null).cast("string"));
        if (config.getDuplicates().isExact()) {
            WindowSpec byHash = Window.partitionBy(Columns.CONTENT_HASH)
                    .orderBy("input_index", Columns.INPUT_PATH, Columns.POSITION);
            Column earliest = first(col(Columns.DOC_ID)).over(byHash);
            marked = marked.withColumn(Columns.DUPLICATE_OF,
                    when(earliest.notEqual(col(Columns.DOC_ID)), earliest));
        }
        if (config.getDuplicates().isNear()) {
            Dataset<Row> canonical = marked.filter(col(Columns.DUPLICATE_OF).isNull())
                    .select(Columns.DOC_ID, "input_index", Columns.INPUT_PATH, Columns.POSITION, Columns.TEXT);
            Dataset<Row> near = NearDuplicates.find(canonical, config.getDuplicates());
            marked = marked.join(near, marked.col(Columns.DOC_ID).equalTo(near.col(Columns.DOC_ID)), "left")
                    .drop(near.col(Columns.DOC_ID))
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
