package io.narrative.topics;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A fitted topic model of one language, whichever optimizer made it: its vocabulary, its topics' most
 * probable terms, the topic weights of units, and a saved form that {@code --topic-model} reads back.
 */
public interface TopicModel {
    String[] vocabulary();

    int k();

    /** The {@code n} most probable terms of {@code topic}: vocabulary indices and their weights. */
    TopicTerms describe(int topic, int n);

    /** Topic weights of units (unit_id, doc_id, terms): unit_id, doc_id, n (terms), w (array of k weights). */
    Dataset<Row> unitWeights(Dataset<Row> units);

    void save(SparkSession spark, String path);

    /** Term indices of a topic, most probable first, with their weights. */
    record TopicTerms(int[] indices, double[] weights) {
    }
}
