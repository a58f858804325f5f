package io.narrative.topics;

import io.narrative.topics.gibbs.GibbsTopicModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A {@link GibbsTopicModel} as a {@link TopicModel}. Right after fitting it also holds the fitted units'
 * weights from the sampler's last sweep, which are what doc_topics reports for them; units it has not
 * seen (a saved model applied to a new corpus) are folded in.
 */
final class GibbsModel implements TopicModel {
    private final GibbsTopicModel model;
    private final Dataset<Row> fittedWeights;
    private final long seed;

    GibbsModel(GibbsTopicModel model, Dataset<Row> fittedWeights, long seed) {
        this.model = model;
        this.fittedWeights = fittedWeights;
        this.seed = seed;
    }

    @Override
    public String[] vocabulary() {
        return model.vocabulary();
    }

    @Override
    public int k() {
        return model.k();
    }

    @Override
    public TopicTerms describe(int topic, int n) {
        double[] weights = model.topicWordWeights(topic);
        int[] top = model.topWordIndices(topic, n);
        double[] shown = new double[top.length];
        for (int i = 0; i < top.length; i++) {
            shown[i] = weights[top[i]];
        }
        return new TopicTerms(top, shown);
    }

    @Override
    public Dataset<Row> unitWeights(Dataset<Row> units) {
        return fittedWeights != null ? fittedWeights : model.foldIn(units, seed);
    }

    /** Frees the fitted units' weights (cached by the sampler). */
    void release() {
        if (fittedWeights != null) {
            fittedWeights.unpersist();
        }
    }

    @Override
    public void save(SparkSession spark, String path) {
        model.save(spark, path);
    }

    GibbsTopicModel model() {
        return model;
    }
}
