package io.narrative.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narrative.core.config.TopicsConfig;
import io.narrative.testing.SparkTestSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Three themes with disjoint vocabularies: a working topic model must find them. */
class TopicsStageTest {
    static final List<List<String>> THEMES = List.of(
            List.of("oil", "gas", "pipeline", "crude", "barrel", "opec", "refinery", "export", "tanker", "price"),
            List.of("missile", "troop", "army", "drone", "strike", "defence", "soldier", "base", "tank", "artillery"),
            List.of("summit", "minister", "talk", "treaty", "embassy", "envoy", "negotiation", "agreement", "visit",
                    "diplomat"));
    static final StructType DOC_TERMS = new StructType().add("doc_id", DataTypes.StringType)
            .add("lang", DataTypes.StringType).add("terms", DataTypes.createArrayType(DataTypes.StringType));
    static final StructType TERM_FORMS = new StructType().add("lang", DataTypes.StringType)
            .add("term", DataTypes.StringType).add("display", DataTypes.StringType);

    static Dataset<Row> docTerms;
    static Dataset<Row> termForms;

    @BeforeAll
    static void corpus() {
        Random random = new Random(3);
        List<Row> rows = new ArrayList<>();
        for (int d = 0; d < 90; d++) {
            List<String> theme = THEMES.get(d % 3);
            List<String> terms = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                terms.add(theme.get(random.nextInt(theme.size())));
            }
            rows.add(RowFactory.create("doc" + d, "en", terms));
        }
        rows.add(RowFactory.create("ar1", "ar", List.of("نفط", "غاز", "خط", "انابيب", "سعر")));
        docTerms = SparkTestSession.get().createDataFrame(rows, DOC_TERMS);
        List<Row> forms = new ArrayList<>();
        THEMES.forEach(t -> t.forEach(w -> forms.add(RowFactory.create("en", w, w.toUpperCase(java.util.Locale.ROOT)))));
        termForms = SparkTestSession.get().createDataFrame(forms, TERM_FORMS);
    }

    static final List<String> LANGUAGES = List.of("en", "ar");

    static TopicsStage stage(String optimizer, Integer... k) {
        TopicsConfig config = config(k);
        config.setOptimizer(optimizer);
        config.setIterations(100);
        config.setOptimizeBurnIn(20);
        return new TopicsStage(config, LANGUAGES);
    }

    static TopicsConfig config(Integer... k) {
        TopicsConfig config = new TopicsConfig();
        config.setK(List.of(k));
        config.setMinUnits(30);
        config.setMinDf(2);
        config.setMaxDf(0.9);
        config.setMaxIter(20);
        config.setSubsamplingRate(0.5);
        config.setPartitions(2);
        return config;
    }

    @ParameterizedTest
    @ValueSource(strings = {"online", "gibbs"})
    void fit_threeThemes_eachTopicIsOneTheme_withPositiveCoherence(String optimizer) {
        TopicsStage.Result result = stage(optimizer, 3).fit(docTerms, null, termForms);
        try {
            assertEquals(3, result.topics().size());
            Set<Integer> themesFound = new HashSet<>();
            for (TopicRow topic : result.topics()) {
                List<String> top5 = topic.getTopTerms().subList(0, 5);
                int theme = themeOf(top5.get(0));
                assertTrue(top5.stream().allMatch(w -> themeOf(w) == theme), top5.toString());
                themesFound.add(theme);
                assertTrue(topic.getCoherenceNpmi() > 0, topic.toString());
                assertEquals(3, topic.getLabel().split(", ").length);
            }
            assertEquals(Set.of(0, 1, 2), themesFound);
            List<Row> docs = result.docTopics().collectAsList();
            assertEquals(90, docs.size());
            for (Row doc : docs) {
                List<Double> weights = doc.getList(doc.fieldIndex("weights"));
                assertEquals(1.0, weights.stream().mapToDouble(Double::doubleValue).sum(), 1e-6);
                assertEquals(weights.indexOf(java.util.Collections.max(weights)), doc.<Integer>getAs("dominant_topic"));
            }
            assertEquals(90, result.topics().stream().mapToLong(TopicRow::getNDocsDominant).sum());
            assertTrue(result.notes().stream().anyMatch(n -> n.contains(" ar has 1 units")), result.notes().toString());
        } finally {
            result.release();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"online", "gibbs"})
    void fit_sameSeedAndInput_sameTopicsAndWeights(String optimizer) {
        TopicsStage.Result first = stage(optimizer, 3).fit(docTerms, null, termForms);
        TopicsStage.Result second = stage(optimizer, 3).fit(docTerms, null, termForms);
        try {
            assertEquals(first.topics().stream().map(TopicRow::getTopTerms).toList(),
                    second.topics().stream().map(TopicRow::getTopTerms).toList());
            assertEquals(first.topicTerms().stream().map(TopicTermRow::getWeight).toList(),
                    second.topicTerms().stream().map(TopicTermRow::getWeight).toList());
            assertEquals(first.docTopics().orderBy("doc_id").collectAsList(),
                    second.docTopics().orderBy("doc_id").collectAsList());
        } finally {
            first.release();
            second.release();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"online", "gibbs"})
    void fit_kCandidates_recordsEachAndKeepsTheMostCoherent(String optimizer) {
        TopicsStage.Result result = stage(optimizer, 2, 3).fit(docTerms, null, termForms);
        try {
            Map<String, Double> metrics = result.metrics();
            double k2 = metrics.get("topics.en.k2.npmi");
            double k3 = metrics.get("topics.en.k3.npmi");
            assertEquals(k3 >= k2 ? 3 : 2, result.topics().size());
            assertTrue(metrics.containsKey("topics.en.k3.diversity"));
        } finally {
            result.release();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"online", "gibbs"})
    void apply_savedModel_describesANewCorpusWithTheSameTopics(String optimizer, @TempDir Path dir) {
        TopicsStage.Result fitted = stage(optimizer, 3).fit(docTerms, null, termForms);
        fitted.models().get("en").save(SparkTestSession.get(), dir.resolve("en").toString());
        Map<String, Integer> fittedDominant = dominantTopics(fitted.docTopics());
        fitted.release();
        Dataset<Row> nextWeek = docTerms.filter("doc_id in ('doc0', 'doc1', 'doc2', 'doc3', 'doc4', 'doc5')");
        TopicsStage.Result applied = stage(optimizer, 3).apply(nextWeek, null, termForms,
                TopicsJob.loadModels(SparkTestSession.get(), dir.toString(), 42L));
        try {
            assertEquals(fitted.topics().stream().map(TopicRow::getTopTerms).toList(),
                    applied.topics().stream().map(TopicRow::getTopTerms).toList());
            // Folded in against the frozen topics, each document lands on the topic it had when fitted.
            Map<String, Integer> appliedDominant = dominantTopics(applied.docTopics());
            assertEquals(6, appliedDominant.size());
            appliedDominant.forEach((doc, topic) -> assertEquals(fittedDominant.get(doc), topic, doc));
        } finally {
            applied.release();
        }
    }

    private static Map<String, Integer> dominantTopics(Dataset<Row> docTopics) {
        Map<String, Integer> dominant = new java.util.HashMap<>();
        docTopics.collectAsList().forEach(r -> dominant.put(r.getAs("doc_id"), r.<Integer>getAs("dominant_topic")));
        return dominant;
    }

    @Test
    void fit_otherIsNotALanguage_getsNoModelAndIsCounted() {
        List<Row> rows = new ArrayList<>(docTerms.collectAsList());
        for (int d = 0; d < 40; d++) {
            rows.add(RowFactory.create("other" + d, "other", THEMES.get(0)));
        }
        Dataset<Row> withOther = SparkTestSession.get().createDataFrame(rows, DOC_TERMS);
        TopicsStage.Result result = stage("online", 3).fit(withOther, null, termForms);
        try {
            assertEquals(Set.of("en"), result.models().keySet());
            assertEquals(40.0, result.metrics().get("topics.other.unmodelled_docs"));
            assertEquals(1.0, result.metrics().get("topics.ar.unmodelled_docs"));
            assertTrue(result.notes().stream().anyMatch(n -> n.contains("40 documents in 'other' have no topic model")),
                    result.notes().toString());
        } finally {
            result.release();
        }
    }

    private static int themeOf(String display) {
        for (int t = 0; t < THEMES.size(); t++) {
            if (THEMES.get(t).contains(display.toLowerCase(java.util.Locale.ROOT))) {
                return t;
            }
        }
        return -1;
    }
}
