package io.narrative.topics;

import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;

import io.narrative.core.Columns;
import io.narrative.core.config.TopicsConfig;
import java.util.List;
import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * The topic model's vocabulary, chosen as MLlib's CountVectorizer chooses it (document frequency between
 * min_df and max_df, the vocab_size most frequent terms of the corpus) but in a total order: frequency,
 * then the term itself. CountVectorizer breaks ties in frequency by the order in which shuffle blocks
 * arrive, so the same corpus could give a different vocabulary order from run to run, hence different
 * initial topics and different topics, which the same seed must not.
 */
public final class Vocabulary {
    private Vocabulary() {
    }

    /** A fitted CountVectorizerModel over {@code units} (column terms), with the same semantics as
     * CountVectorizer's minDF/maxDF: a value of at least 1 is a number of units, below 1 a share of them. */
    public static CountVectorizerModel fit(Dataset<Row> units, long unitCount, TopicsConfig config, String outputCol) {
        double minDf = config.getMinDf() >= 1 ? config.getMinDf() : config.getMinDf() * unitCount;
        double maxDf = config.getMaxDf() >= 1 ? config.getMaxDf() : config.getMaxDf() * unitCount;
        Dataset<Row> termCounts = units.select(explode(col(Columns.TERMS)).as("term"))
                .groupBy("term").agg(count(lit(1)).as("tf"));
        Dataset<Row> unitCounts = units.select(explode(array_distinct(col(Columns.TERMS))).as("term"))
                .groupBy("term").agg(count(lit(1)).as("df"));
        List<String> vocabulary = termCounts.join(unitCounts, "term")
                .where(col("df").geq(minDf).and(col("df").leq(maxDf)))
                .orderBy(col("tf").desc(), col("term").asc())
                .limit(config.getVocabSize())
                .select("term").as(Encoders.STRING()).collectAsList();
        return new CountVectorizerModel(vocabulary.toArray(new String[0]))
                .setInputCol(Columns.TERMS).setOutputCol(outputCol);
    }
}
