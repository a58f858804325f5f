package io.narrative.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.udf;

import io.narrative.core.Columns;
import io.narrative.core.config.DuplicatesConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.ml.feature.HashingTF;
import org.apache.spark.ml.feature.MinHashLSH;
import org.apache.spark.ml.feature.MinHashLSHModel;
import org.apache.spark.ml.feature.NGram;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;

/**
 * Near duplicates by MinHash LSH (MLlib's {@link MinHashLSH}) over word shingles, with banding: the
 * {@code bands x rows_per_band} MinHash values are cut into bands, and two documents are candidates when
 * one whole band agrees (probability {@code 1-(1-J^r)^b} for Jaccard similarity J). Candidates are then
 * checked with their exact shingle Jaccard. Within one bucket each document is compared with at most
 * {@code max_comparisons} earlier documents, so a bucket of thousands of copies costs linear, not
 * quadratic, work.
 *
 * <p>Each near duplicate points at the earliest document (input order) it resembles.
 */
final class NearDuplicates {
    private static final int FEATURES = 1 << 22;

    private NearDuplicates() {
    }

    /**
     * @param docs columns doc_id, input_index, input_path, position, text
     * @return doc_id and near_duplicate_of for each near duplicate found
     */
    static Dataset<Row> find(Dataset<Row> docs, DuplicatesConfig config) {
        UserDefinedFunction words = udf((UDF1<String, List<String>>) NearDuplicates::words,
                DataTypes.createArrayType(DataTypes.StringType));
        Dataset<Row> shingled = new NGram().setN(config.getShingleWords()).setInputCol("words")
                .setOutputCol("shingles")
                .transform(docs.withColumn("words", words.apply(col(Columns.TEXT))))
                .filter(size(col("shingles")).gt(0));
        Dataset<Row> features = new HashingTF().setNumFeatures(FEATURES).setBinary(true)
                .setInputCol("shingles").setOutputCol("features").transform(shingled)
                .select(Columns.DOC_ID, "input_index", Columns.INPUT_PATH, Columns.POSITION, "features");
        MinHashLSHModel model = new MinHashLSH().setNumHashTables(config.getBands() * config.getRowsPerBand())
                .setSeed(config.getSeed()).setInputCol("features").setOutputCol("hashes").fit(features);
        Dataset<Row> hashed = model.transform(features).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            return matches(hashed, config);
        } finally {
            hashed.unpersist();
        }
    }

    private static Dataset<Row> matches(Dataset<Row> hashed, DuplicatesConfig config) {
        int rows = config.getRowsPerBand();
        Dataset<BandKey> bands = hashed.flatMap(bandKeys(config.getBands(), rows), Encoders.bean(BandKey.class));
        Dataset<Row> ranked = bands.withColumn("rank", row_number().over(Window.partitionBy("band", "key")
                .orderBy("inputIndex", "inputPath", "position")));
        Dataset<Row> later = ranked.alias("a");
        Dataset<Row> earlier = ranked.filter(col("rank").leq(config.getMaxComparisons())).alias("b");
        Dataset<Row> candidates = later.join(earlier, col("a.band").equalTo(col("b.band"))
                        .and(col("a.key").equalTo(col("b.key")))
                        .and(col("b.rank").lt(col("a.rank"))))
                .select(col("a.docId").as("doc"), col("b.docId").as("other"),
                        struct(col("b.inputIndex"), col("b.inputPath"), col("b.position")).as("other_order"))
                .distinct();
        UserDefinedFunction jaccard = udf((UDF2<Vector, Vector, Double>) NearDuplicates::jaccard, DataTypes.DoubleType);
        Dataset<Row> vectors = hashed.select(col(Columns.DOC_ID), col("features"));
        return candidates
                .join(vectors.toDF("doc", "doc_features"), "doc")
                .join(vectors.toDF("other", "other_features"), "other")
                .filter(jaccard.apply(col("doc_features"), col("other_features")).geq(config.getJaccardThreshold()))
                .groupBy("doc")
                .agg(min_by(col("other"), col("other_order")).as("near_duplicate_of"))
                .withColumnRenamed("doc", Columns.DOC_ID);
    }

    private static FlatMapFunction<Row, BandKey> bandKeys(int bands, int rows) {
        return row -> {
            List<Vector> hashes = row.getList(row.fieldIndex("hashes"));
            List<BandKey> keys = new ArrayList<>(bands);
            for (int band = 0; band < bands; band++) {
                long key = 1125899906842597L;
                for (int r = 0; r < rows; r++) {
                    key = 31 * key + Double.hashCode(hashes.get(band * rows + r).apply(0));
                }
                keys.add(new BandKey(row.getString(0), row.getInt(1), row.getString(2), row.getLong(3), band, key));
            }
            return keys.iterator();
        };
    }

    static List<String> words(String text) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(w -> !w.isEmpty())
                .toList();
    }

    static double jaccard(Vector x, Vector y) {
        int[] a = ((SparseVector) x.toSparse()).indices();
        int[] b = ((SparseVector) y.toSparse()).indices();
        int i = 0;
        int j = 0;
        int common = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                common++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        int union = a.length + b.length - common;
        return union == 0 ? 0.0 : (double) common / union;
    }
}
