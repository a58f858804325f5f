package io.narrative.topics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.size;

import io.narrative.core.Columns;
import io.narrative.core.NarrativeException;
import io.narrative.topics.gibbs.UnitWeights;
import java.io.IOException;
import java.util.List;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.clustering.LDAModel;
import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** A CountVectorizer + MLlib LDA pipeline (optimizer online or em) as a {@link TopicModel}. */
final class MllibTopicModel implements TopicModel {
    private final PipelineModel pipeline;
    private List<Row> described;
    private int describedRank;

    MllibTopicModel(PipelineModel pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public String[] vocabulary() {
        return ((CountVectorizerModel) pipeline.stages()[0]).vocabulary();
    }

    @Override
    public int k() {
        return lda().getK();
    }

    private LDAModel lda() {
        return (LDAModel) pipeline.stages()[1];
    }

    @Override
    public TopicTerms describe(int topic, int n) {
        if (described == null || describedRank < n) {
            described = lda().describeTopics(n).orderBy("topic").collectAsList();
            describedRank = n;
        }
        List<Integer> indices = described.get(topic).getList(1);
        List<Double> weights = described.get(topic).getList(2);
        int shown = Math.min(n, indices.size());
        return new TopicTerms(indices.subList(0, shown).stream().mapToInt(Integer::intValue).toArray(),
                weights.subList(0, shown).stream().mapToDouble(Double::doubleValue).toArray());
    }

    @Override
    public Dataset<Row> unitWeights(Dataset<Row> units) {
        return pipeline.transform(units).select(col(UnitWeights.UNIT_ID), col(Columns.DOC_ID),
                size(col(Columns.TERMS)).as(UnitWeights.N),
                org.apache.spark.ml.functions.vector_to_array(col("topic_distribution"), "float64").as(UnitWeights.W));
    }

    @Override
    public void save(SparkSession spark, String path) {
        try {
            pipeline.write().overwrite().save(path);
        } catch (IOException e) {
            throw new NarrativeException("cannot save the topic model to " + path + ": " + e.getMessage(), e);
        }
    }
}
