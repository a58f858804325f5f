package io.narrative.topics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;

import io.narrative.core.Columns;
import io.narrative.core.config.TopicsConfig;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The "documents" the topic model sees: whole documents (doc_terms rows of one language) or paragraphs
 * (the terms of a paragraph's sentences), with a fixed partitioning so that a seed gives the same topics.
 * Columns: unit_id, doc_id, terms.
 */
public final class TopicUnits {
    public static final String UNIT_ID = "unit_id";

    private TopicUnits() {
    }

    public static Dataset<Row> of(String lang, Dataset<Row> docTerms, Dataset<Row> sentences, TopicsConfig config) {
        Dataset<Row> units;
        if (config.getUnit().equals("paragraph")) {
            units = sentences.filter(col(Columns.LANG).equalTo(lang))
                    .groupBy(Columns.DOC_ID, Columns.PARAGRAPH_ID)
                    .agg(sort_array(collect_list(struct(col(Columns.SENTENCE_ID), col(Columns.TERMS)))).as("parts"))
                    .select(concat_ws("#", col(Columns.DOC_ID), col(Columns.PARAGRAPH_ID)).as(UNIT_ID),
                            col(Columns.DOC_ID),
                            flatten(transform(col("parts"), p -> p.getField(Columns.TERMS))).as(Columns.TERMS));
        } else {
            units = docTerms.filter(col(Columns.LANG).equalTo(lang))
                    .select(col(Columns.DOC_ID).as(UNIT_ID), col(Columns.DOC_ID), col(Columns.TERMS));
        }
        return units.filter(size(col(Columns.TERMS)).geq(config.getMinUnitTerms()))
                .repartition(config.getPartitions(), col(UNIT_ID))
                .sortWithinPartitions(UNIT_ID);
    }
}
