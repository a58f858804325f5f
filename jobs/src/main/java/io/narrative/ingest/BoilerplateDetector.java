package io.narrative.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;

import io.narrative.core.config.BoilerplateConfig;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Finds boilerplate: short paragraphs that recur in at least {@code min_docs} documents and
 * {@code min_share} of the documents of the same source. Only paragraph keys travel (no text), and the
 * result, a bounded dictionary of "source key + paragraph key", is small enough to broadcast.
 */
final class BoilerplateDetector {
    private BoilerplateDetector() {
    }

    /** Keys "source\u0000paragraphKey" of the boilerplate paragraphs. */
    static Set<String> detect(Dataset<IngestRecord> records, BoilerplateConfig config) {
        if (!config.isEnabled()) {
            return Set.of();
        }
        Dataset<Row> usable = records.filter(col("reason").isNull())
                .select(coalesce(col("source"), lit("")).as("src"), col("docId").as("doc"),
                        col("shortParagraphKeys").as("keys"));
        Dataset<Row> docsPerSource = usable.groupBy("src").agg(count(lit(1)).as("n_docs"));
        Dataset<Row> recurring = usable.select(col("src"), col("doc"), explode(col("keys")).as("key"))
                .groupBy("src", "key").agg(countDistinct("doc").as("n"))
                .filter(col("n").geq(config.getMinDocs()))
                .join(docsPerSource, "src")
                .filter(col("n").geq(col("n_docs").multiply(config.getMinShare())))
                .orderBy(col("n").desc())
                .limit(config.getMaxEntries());
        Set<String> keys = new HashSet<>();
        List<Row> rows = recurring.select("src", "key").collectAsList();
        for (Row row : rows) {
            keys.add(key(row.getString(0), row.getLong(1)));
        }
        return keys;
    }

    static String key(String source, long paragraphKey) {
        return (source == null ? "" : source) + '\u0000' + paragraphKey;
    }
}
