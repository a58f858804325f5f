package io.narrative.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.udf;

import io.narrative.core.Columns;
import io.narrative.core.config.DuplicatesConfig;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Near duplicates by MinHash LSH over word shingles, with banding: the {@code bands x rows_per_band}
 * MinHash values are cut into bands, and two documents are candidates when one whole band agrees
 * (probability {@code 1-(1-J^r)^b} for Jaccard similarity J). Candidates are then checked with their exact
 * shingle Jaccard. Within one bucket each document is compared with at most {@code max_comparisons} earlier
 * documents, so a bucket of thousands of copies costs linear, not quadratic, work.
 *
 * <p>Shingles, signatures and band keys are computed per document from 64-bit shingle hashes
 * ({@link Shingles}); only a document's locator and its band keys are shuffled, and the texts of the few
 * candidate pairs are shingled again for the exact check instead of keeping every document's shingle set.
 *
 * <p>Each near duplicate points at the earliest document (input order) it resembles.
 */
final class NearDuplicates {
    private static final StructType BAND_KEYS = new StructType()
            .add(Columns.DOC_ID, DataTypes.StringType)
            .add("input_index", DataTypes.IntegerType)
            .add(Columns.INPUT_PATH, DataTypes.StringType)
            .add(Columns.POSITION, DataTypes.LongType)
            .add("band", DataTypes.IntegerType)
            .add("key", DataTypes.LongType);

    private NearDuplicates() {
    }

    /**
     * @param docs columns doc_id, input_index, input_path, position, text
     * @param sides where the candidate pairs are kept: only their texts are joined to them, and only the
     *     texts of documents in a pair are shuffled
     * @return doc_id and near_duplicate_of for each near duplicate found
     */
    static Dataset<Row> find(Dataset<Row> docs, DuplicatesConfig config, SmallSides sides) {
        Dataset<Row> bands = docs.mapPartitions(bandKeys(config), Encoders.row(BAND_KEYS));
        Dataset<Row> ranked = bands.withColumn("rank", row_number().over(Window.partitionBy("band", "key")
                .orderBy("input_index", Columns.INPUT_PATH, Columns.POSITION)));
        Dataset<Row> later = ranked.alias("a");
        Dataset<Row> earlier = ranked.filter(col("rank").leq(config.getMaxComparisons())).alias("b");
        SmallSides.Side candidates = sides.of(later.join(earlier, col("a.band").equalTo(col("b.band"))
                        .and(col("a.key").equalTo(col("b.key")))
                        .and(col("b.rank").lt(col("a.rank"))))
                .select(col("a." + Columns.DOC_ID).as("doc"), col("b." + Columns.DOC_ID).as("other"),
                        struct(col("b.input_index"), col("b." + Columns.INPUT_PATH), col("b." + Columns.POSITION))
                                .as("other_order"))
                .distinct());
        SmallSides.Side inPairs = sides.of(candidates.rows().select(col("doc").as(Columns.DOC_ID))
                .union(candidates.rows().select(col("other").as(Columns.DOC_ID)))
                .distinct());
        Dataset<Row> texts = inPairs.joinedTo(docs.select(col(Columns.DOC_ID), col(Columns.TEXT)), Columns.DOC_ID,
                "left_semi");
        int words = config.getShingleWords();
        UserDefinedFunction jaccard = udf((UDF2<String, String, Double>) (a, b) ->
                Shingles.jaccard(Shingles.of(a, words), Shingles.of(b, words)), DataTypes.DoubleType);
        return candidates.rows()
                .join(texts.toDF("doc", "doc_text"), "doc")
                .join(texts.toDF("other", "other_text"), "other")
                .filter(jaccard.apply(col("doc_text"), col("other_text")).geq(config.getJaccardThreshold()))
                .groupBy("doc")
                .agg(min_by(col("other"), col("other_order")).as("near_duplicate_of"))
                .withColumnRenamed("doc", Columns.DOC_ID);
    }

    /** Per document with at least one shingle: one row per band with the band's key. */
    private static MapPartitionsFunction<Row, Row> bandKeys(DuplicatesConfig config) {
        int bands = config.getBands();
        int rows = config.getRowsPerBand();
        int words = config.getShingleWords();
        long seed = config.getSeed();
        return docs -> {
            long[] seeds = Shingles.seeds(bands * rows, seed);
            List<Row> out = new ArrayList<>();
            return new java.util.Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    while (next == out.size() && docs.hasNext()) {
                        out.clear();
                        next = 0;
                        Row doc = docs.next();
                        long[] shingles = Shingles.of(doc.getString(doc.fieldIndex(Columns.TEXT)), words);
                        if (shingles.length == 0) {
                            continue;
                        }
                        long[] signature = Shingles.signature(shingles, seeds);
                        for (int band = 0; band < bands; band++) {
                            out.add(RowFactory.create(doc.getString(doc.fieldIndex(Columns.DOC_ID)),
                                    doc.getInt(doc.fieldIndex("input_index")),
                                    doc.getString(doc.fieldIndex(Columns.INPUT_PATH)),
                                    doc.getLong(doc.fieldIndex(Columns.POSITION)), band,
                                    Shingles.bandKey(signature, band, rows)));
                        }
                    }
                    return next < out.size();
                }

                @Override
                public Row next() {
                    if (!hasNext()) {
                        throw new java.util.NoSuchElementException();
                    }
                    return out.get(next++);
                }
            };
        };
    }
}
