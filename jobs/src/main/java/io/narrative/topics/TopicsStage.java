package io.narrative.topics;

import static org.apache.spark.sql.functions.array_max;
import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.transform;

import io.narrative.core.Columns;
import io.narrative.core.SchemaCheck;
import io.narrative.core.config.TopicsConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.clustering.LDA;
import org.apache.spark.ml.clustering.LDAModel;
import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;

/**
 * The topics stage: one CountVectorizer + LDA model per language, described for people.
 *
 * <p>Requires: doc_terms (doc_id, lang, terms), sentences (doc_id, sentence_id, paragraph_id, lang, terms)
 * when {@code topics.unit} is paragraph, term_forms (lang, term, display). Produces: {@code topics},
 * {@code topic_terms}, {@code doc_topics} and a fitted model per language.
 *
 * <p>With several {@code topics.k} candidates, each is fitted and the best mean NPMI coherence wins;
 * every candidate's NPMI and diversity go to the manifest metrics. Parameters: the {@code topics}
 * section of the config (defaults there).
 */
public final class TopicsStage {
    public static final String NAME = "topics";
    static final SchemaCheck DOC_TERMS = SchemaCheck.forStage(NAME)
            .require(Columns.DOC_ID, DataTypes.StringType)
            .require(Columns.LANG, DataTypes.StringType)
            .require(Columns.TERMS, DataTypes.createArrayType(DataTypes.StringType));
    static final SchemaCheck SENTENCES = SchemaCheck.forStage(NAME)
            .require(Columns.DOC_ID, DataTypes.StringType)
            .require(Columns.SENTENCE_ID, DataTypes.IntegerType)
            .require(Columns.PARAGRAPH_ID, DataTypes.IntegerType)
            .require(Columns.LANG, DataTypes.StringType)
            .require(Columns.TERMS, DataTypes.createArrayType(DataTypes.StringType));
    static final SchemaCheck TERM_FORMS = SchemaCheck.forStage(NAME)
            .require(Columns.LANG, DataTypes.StringType)
            .require(Columns.TERM, DataTypes.StringType)
            .require(Columns.DISPLAY, DataTypes.StringType);

    /** The described topics of every modelled language. */
    public record Result(List<TopicRow> topics, List<TopicTermRow> topicTerms, Dataset<Row> docTopics,
            Map<String, PipelineModel> models, Map<String, Double> metrics, List<String> notes,
            List<Dataset<Row>> cached) {
        /** Frees the per-language document weights kept in memory for the tables. */
        public void release() {
            cached.forEach(Dataset::unpersist);
        }
    }

    private final TopicsConfig config;

    public TopicsStage(TopicsConfig config) {
        this.config = config;
    }

    /** Fits a model per language with enough units, choosing k by coherence. */
    public Result fit(Dataset<Row> docTerms, Dataset<Row> sentences, Dataset<Row> termForms) {
        return run(docTerms, sentences, termForms, null);
    }

    /** Applies saved models (by language) to a new corpus instead of fitting. */
    public Result apply(Dataset<Row> docTerms, Dataset<Row> sentences, Dataset<Row> termForms,
            Map<String, PipelineModel> saved) {
        return run(docTerms, sentences, termForms, saved);
    }

    private Result run(Dataset<Row> docTerms, Dataset<Row> sentences, Dataset<Row> termForms,
            Map<String, PipelineModel> saved) {
        DOC_TERMS.check(docTerms);
        TERM_FORMS.check(termForms);
        if (config.getUnit().equals("paragraph")) {
            SENTENCES.check(sentences);
        }
        Result result = new Result(new ArrayList<>(), new ArrayList<>(), null, new LinkedHashMap<>(),
                new LinkedHashMap<>(), new ArrayList<>(), new ArrayList<>());
        Dataset<Row> docTopics = null;
        List<String> languages = docTerms.select(Columns.LANG).distinct().orderBy(Columns.LANG)
                .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
        for (String lang : languages) {
            Dataset<Row> units = TopicUnits.of(lang, docTerms, sentences, config).persist(StorageLevel.MEMORY_AND_DISK());
            try {
                long n = units.count();
                PipelineModel model;
                if (saved != null) {
                    model = saved.get(lang);
                    if (model == null) {
                        result.notes().add("topics: no saved model for language " + lang + "; skipped");
                        continue;
                    }
                } else if (n < config.getMinUnits()) {
                    result.notes().add("topics: " + lang + " has " + n + " units (" + config.getUnit()
                            + "s with at least " + config.getMinUnitTerms() + " terms), fewer than topics.min_units="
                            + config.getMinUnits() + "; no model");
                    continue;
                } else {
                    model = bestModel(lang, units, n, result.metrics());
                    if (model == null) {
                        result.notes().add("topics: " + lang + " has no term in at least topics.min_df="
                                + config.getMinDf() + " and at most topics.max_df=" + config.getMaxDf()
                                + " units; no model");
                        continue;
                    }
                }
                result.models().put(lang, model);
                Dataset<Row> langTopics = describe(lang, model, units, termForms, result);
                docTopics = docTopics == null ? langTopics : docTopics.unionByName(langTopics);
            } finally {
                units.unpersist();
            }
        }
        return new Result(result.topics(), result.topicTerms(), docTopics, result.models(), result.metrics(),
                result.notes(), result.cached());
    }

    /** The model with the most coherent topics among the k candidates; null when no term qualifies. */
    private PipelineModel bestModel(String lang, Dataset<Row> units, long unitCount, Map<String, Double> metrics) {
        PipelineModel best = null;
        double bestNpmi = Double.NEGATIVE_INFINITY;
        CountVectorizerModel vocabulary = Vocabulary.fit(units, unitCount, config, "features");
        if (vocabulary.vocabulary().length == 0) {
            return null;
        }
        String optimizer = config.optimizerFor(unitCount);
        metrics.put("topics." + lang + ".em", optimizer.equals("em") ? 1.0 : 0.0);
        for (int k : config.getK()) {
            PipelineModel model = new Pipeline().setStages(new PipelineStage[] {vocabulary, lda(k, optimizer)})
                    .fit(units);
            List<List<String>> topWords = topWords(model, config.getTopTerms());
            Coherence.Counts counts = Coherence.count(units, flatten(topWords));
            double npmi = topWords.stream().mapToDouble(w -> Coherence.npmi(w, counts)).average().orElse(-1);
            metrics.put(String.format(Locale.ROOT, "topics.%s.k%d.npmi", lang, k), npmi);
            metrics.put(String.format(Locale.ROOT, "topics.%s.k%d.diversity", lang, k), Coherence.diversity(topWords));
            if (npmi > bestNpmi) {
                bestNpmi = npmi;
                best = model;
            }
        }
        return best;
    }

    private LDA lda(int k, String optimizer) {
        LDA lda = new LDA().setK(k).setMaxIter(config.getMaxIter()).setOptimizer(optimizer)
                .setSeed(config.getSeed()).setFeaturesCol("features").setTopicDistributionCol("topic_distribution");
        if (optimizer.equals("online")) {
            lda.setSubsamplingRate(config.getSubsamplingRate()).setLearningOffset(config.getLearningOffset())
                    .setLearningDecay(config.getLearningDecay());
        } else {
            lda.setCheckpointInterval(10).setKeepLastCheckpoint(false);
        }
        if (config.getDocConcentration() > 0) {
            lda.setDocConcentration(config.getDocConcentration());
        }
        if (config.getTopicConcentration() > 0) {
            lda.setTopicConcentration(config.getTopicConcentration());
        }
        return lda;
    }

    /** The top {@code n} vocabulary terms of each topic, most probable first. */
    public static List<List<String>> topWords(PipelineModel model, int n) {
        String[] vocabulary = ((CountVectorizerModel) model.stages()[0]).vocabulary();
        List<List<String>> words = new ArrayList<>();
        for (Row row : ((LDAModel) model.stages()[1]).describeTopics(n).orderBy("topic").collectAsList()) {
            List<String> topic = new ArrayList<>();
            for (Object index : row.getList(1)) {
                topic.add(vocabulary[(Integer) index]);
            }
            words.add(topic);
        }
        return words;
    }

    private static Set<String> flatten(List<List<String>> lists) {
        Set<String> all = new HashSet<>();
        lists.forEach(all::addAll);
        return all;
    }

    /** Topic descriptions and per-document weights of one language; adds rows to {@code result}. */
    private Dataset<Row> describe(String lang, PipelineModel model, Dataset<Row> units, Dataset<Row> termForms,
            Result result) {
        String[] vocabulary = ((CountVectorizerModel) model.stages()[0]).vocabulary();
        List<Row> described = ((LDAModel) model.stages()[1]).describeTopics(config.getTopicTermsRank())
                .orderBy("topic").collectAsList();
        List<List<String>> topWords = topWords(model, config.getTopTerms());
        Map<String, String> display = displayForms(lang, termForms, described, vocabulary);
        Coherence.Counts counts = Coherence.count(units, flatten(topWords));
        result.metrics().put("topics." + lang + ".npmi",
                topWords.stream().mapToDouble(w -> Coherence.npmi(w, counts)).average().orElse(-1));
        result.metrics().put("topics." + lang + ".diversity", Coherence.diversity(topWords));

        Dataset<Row> docTopics = docWeights(model.transform(units)).withColumn(Columns.LANG, lit(lang))
                .select(col(Columns.DOC_ID), col(Columns.LANG), col("dominant_topic"), col("dominant_weight"),
                        col("weights")).persist(StorageLevel.MEMORY_AND_DISK());
        result.cached().add(docTopics);
        Map<Integer, double[]> mass = topicMass(docTopics, described.size());
        for (Row row : described) {
            int topic = row.getInt(0);
            List<Integer> indices = row.getList(1);
            List<Double> weights = row.getList(2);
            List<String> top = new ArrayList<>();
            for (int rank = 0; rank < indices.size(); rank++) {
                String term = vocabulary[indices.get(rank)];
                String shown = display.getOrDefault(term, term);
                result.topicTerms().add(new TopicTermRow(lang, topic, rank + 1, term, shown, weights.get(rank)));
                if (rank < config.getTopTerms()) {
                    top.add(shown);
                }
            }
            double[] m = mass.getOrDefault(topic, new double[2]);
            result.topics().add(new TopicRow(lang, topic, String.join(", ", top.subList(0, Math.min(3, top.size()))),
                    top, Coherence.npmi(topWords.get(topic), counts), m[0], (long) m[1]));
        }
        return docTopics;
    }

    /** Per document: weights (averaged over its paragraphs, by terms), dominant topic and its weight. */
    private Dataset<Row> docWeights(Dataset<Row> transformed) {
        Dataset<Row> perUnit = transformed.select(col(Columns.DOC_ID), size(col(Columns.TERMS)).as("n"),
                org.apache.spark.ml.functions.vector_to_array(col("topic_distribution"), "float64").as("w"));
        Dataset<Row> perDoc = perUnit.select(col(Columns.DOC_ID), col("n"), posexplode(col("w")).as(new String[] {
                "topic", "weight"}))
                .groupBy(Columns.DOC_ID, "topic")
                .agg(sum(col("weight").multiply(col("n"))).divide(sum("n")).as("weight"))
                .groupBy(Columns.DOC_ID)
                .agg(sort_array(collect_list(struct(col("topic"), col("weight")))).as("parts"))
                .withColumn("weights", transform(col("parts"), p -> p.getField("weight")));
        return perDoc
                .withColumn("dominant_weight", array_max(col("weights")))
                .withColumn("dominant_topic", array_position(col("weights"), col("dominant_weight")).minus(1)
                        .cast(DataTypes.IntegerType));
    }

    /** Per topic: prevalence (mean weight over documents) and documents where it dominates. */
    private static Map<Integer, double[]> topicMass(Dataset<Row> docTopics, int k) {
        Map<Integer, double[]> mass = new HashMap<>();
        long docs = docTopics.count();
        for (Row row : docTopics.select(posexplode(col("weights")).as(new String[] {"topic", "weight"}))
                .groupBy("topic").agg(sum("weight")).collectAsList()) {
            mass.computeIfAbsent(row.getInt(0), t -> new double[2])[0] = docs == 0 ? 0 : row.getDouble(1) / docs;
        }
        for (Row row : docTopics.groupBy("dominant_topic").agg(count(lit(1))).collectAsList()) {
            mass.computeIfAbsent(row.getInt(0), t -> new double[2])[1] = row.getLong(1);
        }
        return mass;
    }

    private static Map<String, String> displayForms(String lang, Dataset<Row> termForms, List<Row> described,
            String[] vocabulary) {
        Set<String> terms = new HashSet<>();
        for (Row row : described) {
            for (Object index : row.getList(1)) {
                terms.add(vocabulary[(Integer) index]);
            }
        }
        Map<String, String> display = new HashMap<>();
        for (Row row : termForms.filter(col(Columns.LANG).equalTo(lang).and(col(Columns.TERM).isin(terms.toArray())))
                .select(Columns.TERM, Columns.DISPLAY).collectAsList()) {
            display.put(row.getString(0), row.getString(1));
        }
        return display;
    }
}
