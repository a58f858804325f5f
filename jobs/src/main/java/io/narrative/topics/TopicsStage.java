package io.narrative.topics;

import static org.apache.spark.sql.functions.array_max;
import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.transform;

import io.narrative.core.Columns;
import io.narrative.core.SchemaCheck;
import io.narrative.core.config.TopicsConfig;
import io.narrative.topics.gibbs.GibbsLda;
import io.narrative.topics.gibbs.UnitWeights;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.clustering.LDA;
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
    /** Gibbs sweeps between cuts of the sampler's lineage (a checkpoint, or a local one without a directory). */
    static final int CHECKPOINT_INTERVAL = 20;
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
            Map<String, TopicModel> models, Map<String, Double> metrics, List<String> notes,
            List<Dataset<Row>> cached) {
        /** Frees the per-language document weights kept in memory for the tables. */
        public void release() {
            cached.forEach(Dataset::unpersist);
            models.values().stream().filter(GibbsModel.class::isInstance).map(GibbsModel.class::cast)
                    .forEach(GibbsModel::release);
        }
    }

    private final TopicsConfig config;
    private final List<String> languages;

    /**
     * @param languages the analysed languages (ingest.languages): only they get a model; "other" is not a
     *     language (no stop words, mixed scripts) and its topics would read "the, and, of"
     */
    public TopicsStage(TopicsConfig config, List<String> languages) {
        this.config = config;
        this.languages = List.copyOf(languages);
    }

    /** Fits a model per language with enough units, choosing k by coherence. */
    public Result fit(Dataset<Row> docTerms, Dataset<Row> sentences, Dataset<Row> termForms) {
        return run(docTerms, sentences, termForms, null);
    }

    /** Applies saved models (by language) to a new corpus instead of fitting. */
    public Result apply(Dataset<Row> docTerms, Dataset<Row> sentences, Dataset<Row> termForms,
            Map<String, TopicModel> saved) {
        return run(docTerms, sentences, termForms, saved);
    }

    private Result run(Dataset<Row> docTerms, Dataset<Row> sentences, Dataset<Row> termForms,
            Map<String, TopicModel> saved) {
        DOC_TERMS.check(docTerms);
        TERM_FORMS.check(termForms);
        if (config.getUnit().equals("paragraph")) {
            SENTENCES.check(sentences);
        }
        Result result = new Result(new ArrayList<>(), new ArrayList<>(), null, new LinkedHashMap<>(),
                new LinkedHashMap<>(), new ArrayList<>(), new ArrayList<>());
        Dataset<Row> docTopics = null;
        List<String> present = new ArrayList<>();
        for (Row row : docTerms.groupBy(Columns.LANG).count().orderBy(Columns.LANG).collectAsList()) {
            String lang = row.getString(0);
            if (languages.contains(lang)) {
                present.add(lang);
            } else {
                result.metrics().put("topics." + lang + ".unmodelled_docs", (double) row.getLong(1));
                result.notes().add(String.format(Locale.ROOT, "topics: %,d documents in '%s' have no topic model: "
                        + "only the analysed languages (ingest.languages) are modelled", row.getLong(1), lang));
            }
        }
        for (String lang : present) {
            Dataset<Row> units = TopicUnits.of(lang, docTerms, sentences, config).persist(StorageLevel.MEMORY_AND_DISK());
            try {
                long n = units.count();
                TopicModel model;
                if (saved != null) {
                    model = saved.get(lang);
                    if (model == null) {
                        result.notes().add("topics: no saved model for language " + lang + "; skipped");
                        continue;
                    }
                } else if (n < config.getMinUnits()) {
                    result.metrics().put("topics." + lang + ".unmodelled_docs",
                            (double) docTerms.filter(col(Columns.LANG).equalTo(lang)).count());
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
    private TopicModel bestModel(String lang, Dataset<Row> units, long unitCount, Map<String, Double> metrics) {
        TopicModel best = null;
        double bestNpmi = Double.NEGATIVE_INFINITY;
        CountVectorizerModel vocabulary = Vocabulary.fit(units, unitCount, config, "features");
        if (vocabulary.vocabulary().length == 0) {
            return null;
        }
        String optimizer = config.optimizerFor(unitCount);
        metrics.put("topics." + lang + ".em", optimizer.equals("em") ? 1.0 : 0.0);
        for (int k : config.getK()) {
            TopicModel model = optimizer.equals("gibbs") ? gibbs(units, vocabulary.vocabulary(), k)
                    : new MllibTopicModel(new Pipeline().setStages(new PipelineStage[] {vocabulary, lda(k, optimizer)})
                            .fit(units));
            List<List<String>> topWords = topWords(model, config.getTopTerms());
            Coherence.Counts counts = Coherence.count(units, flatten(topWords));
            double npmi = topWords.stream().mapToDouble(w -> Coherence.npmi(w, counts)).average().orElse(-1);
            metrics.put(String.format(Locale.ROOT, "topics.%s.k%d.npmi", lang, k), npmi);
            metrics.put(String.format(Locale.ROOT, "topics.%s.k%d.diversity", lang, k), Coherence.diversity(topWords));
            if (npmi > bestNpmi) {
                if (best instanceof GibbsModel loser) {
                    loser.release();
                }
                bestNpmi = npmi;
                best = model;
            } else if (model instanceof GibbsModel loser) {
                loser.release();
            }
        }
        return best;
    }

    private TopicModel gibbs(Dataset<Row> units, String[] vocabulary, int k) {
        double alpha = config.getDocConcentration() > 0 ? config.getDocConcentration() : TopicsConfig.GIBBS_ALPHA;
        double beta = config.getTopicConcentration() > 0 ? config.getTopicConcentration() : TopicsConfig.GIBBS_BETA;
        GibbsLda.Fit fit = GibbsLda.fit(units, vocabulary, new GibbsLda.Settings(k, config.getIterations(),
                config.getOptimizeBurnIn(), config.getOptimizeInterval(), alpha, beta, config.getSeed(),
                CHECKPOINT_INTERVAL));
        return new GibbsModel(fit.model(), fit.unitWeights(), config.getSeed());
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
    public static List<List<String>> topWords(TopicModel model, int n) {
        String[] vocabulary = model.vocabulary();
        List<List<String>> words = new ArrayList<>();
        for (int topic = 0; topic < model.k(); topic++) {
            List<String> terms = new ArrayList<>();
            for (int index : model.describe(topic, n).indices()) {
                terms.add(vocabulary[index]);
            }
            words.add(terms);
        }
        return words;
    }

    private static Set<String> flatten(List<List<String>> lists) {
        Set<String> all = new HashSet<>();
        lists.forEach(all::addAll);
        return all;
    }

    /** Topic descriptions and per-document weights of one language; adds rows to {@code result}. */
    private Dataset<Row> describe(String lang, TopicModel model, Dataset<Row> units, Dataset<Row> termForms,
            Result result) {
        String[] vocabulary = model.vocabulary();
        List<TopicModel.TopicTerms> described = new ArrayList<>();
        for (int topic = 0; topic < model.k(); topic++) {
            described.add(model.describe(topic, config.getTopicTermsRank()));
        }
        List<List<String>> topWords = topWords(model, config.getTopTerms());
        Map<String, String> display = displayForms(lang, termForms, described, vocabulary);
        Coherence.Counts counts = Coherence.count(units, flatten(topWords));
        result.metrics().put("topics." + lang + ".npmi",
                topWords.stream().mapToDouble(w -> Coherence.npmi(w, counts)).average().orElse(-1));
        result.metrics().put("topics." + lang + ".diversity", Coherence.diversity(topWords));

        Dataset<Row> docTopics = docWeights(model.unitWeights(units)).withColumn(Columns.LANG, lit(lang))
                .select(col(Columns.DOC_ID), col(Columns.LANG), col("dominant_topic"), col("dominant_weight"),
                        col("weights")).persist(StorageLevel.MEMORY_AND_DISK());
        result.cached().add(docTopics);
        Map<Integer, double[]> mass = topicMass(docTopics, described.size());
        for (int topic = 0; topic < described.size(); topic++) {
            int[] indices = described.get(topic).indices();
            double[] weights = described.get(topic).weights();
            List<String> top = new ArrayList<>();
            for (int rank = 0; rank < indices.length; rank++) {
                String term = vocabulary[indices[rank]];
                String shown = display.getOrDefault(term, term);
                result.topicTerms().add(new TopicTermRow(lang, topic, rank + 1, term, shown, weights[rank]));
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

    /**
     * Per document: weights (averaged over its paragraphs, by terms), dominant topic and its weight.
     *
     * @param perUnit doc_id, n (the unit's terms), w (its topic weights)
     */
    private Dataset<Row> docWeights(Dataset<Row> perUnit) {
        Dataset<Row> perDoc = perUnit.select(col(Columns.DOC_ID), col(UnitWeights.N).as("n"),
                posexplode(col(UnitWeights.W)).as(new String[] {"topic", "weight"}))
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

    private static Map<String, String> displayForms(String lang, Dataset<Row> termForms,
            List<TopicModel.TopicTerms> described, String[] vocabulary) {
        Set<String> terms = new HashSet<>();
        for (TopicModel.TopicTerms topic : described) {
            for (int index : topic.indices()) {
                terms.add(vocabulary[index]);
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
