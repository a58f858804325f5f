package io.narrative.narratives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narrative.core.NarrativeException;
import io.narrative.core.config.EncoderConfig;
import io.narrative.core.config.NarrativesConfig;
import io.narrative.encoder.SentenceEmbedder;
import io.narrative.testing.SparkTestSession;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stage on a real SparkSession with the real encoder and a small narratives file. */
class NarrativesStageTest {
    private static final String FILE = """
            narratives:
              - id: distrust_towards_media
                description: Mainstream or Western media are said to lie, hide the truth and spread propaganda.
                cues: [media, СМИ, الاعلام]
                examples:
                  - {lang: en, text: "Do not believe the mainstream press, it is nothing but propaganda."}
                  - {lang: ru, text: "Либеральные журналисты давно превратились в пропагандистов."}
                  - {lang: tr, text: "Batı medyası gerçekleri saklıyor."}
              - id: sanctions_hurt_europe
                description: The sanctions against Russia are said to hurt Europe more than Russia.
                cues: [sanction*, санкци*]
                examples:
                  - {lang: en, text: "The sanctions have backfired and Europe is paying the price."}
                  - {lang: ru, text: "Санкции ударили по Европе сильнее, чем по России."}
                  - {lang: tr, text: "Yaptırımlar en çok Avrupa ekonomisine zarar veriyor."}
            background:
              - {lang: en, text: "The central bank left interest rates unchanged on Thursday."}
              - {lang: en, text: "Heavy rain caused flooding in several northern towns."}
              - {lang: ru, text: "В Москве в выходные ожидается облачная погода."}
              - {lang: ar, text: "فاز المنتخب الوطني على نظيره بهدفين دون رد."}
              - {lang: tr, text: "Merkez Bankası politika faizini sabit tuttu."}
              - {lang: en, text: "The company reported a quarterly profit of 12 million dollars."}
            """;
    private static final StructType SENTENCES = new StructType().add("doc_id", DataTypes.StringType)
            .add("sentence_id", DataTypes.IntegerType).add("text", DataTypes.StringType);
    private static final StructType MENTIONS = new StructType().add("doc_id", DataTypes.StringType)
            .add("sentence_id", DataTypes.IntegerType).add("target", DataTypes.StringType);
    private static final StructType EMBEDDINGS = new StructType().add("doc_id", DataTypes.StringType)
            .add("sentence_id", DataTypes.IntegerType)
            .add("embedding", DataTypes.createArrayType(DataTypes.FloatType, false));

    /** doc, sentence id, text, mentions a target. */
    private static final Object[][] ROWS = {
        {"d1", 0, "Западные СМИ лгут и скрывают правду о том, что происходит.", false},
        {"d1", 1, "The weather was mild on Tuesday.", false},
        {"d1", 2, "Russia says the sanctions hurt Europe far more than they hurt Moscow.", true},
        {"d2", 0, "العقوبات على روسيا ارتدت على أوروبا التي تعاني من أزمة طاقة.", true},
        {"d2", 1, "Western media hide the truth about the war and spread propaganda.", false},
        {"d3", 0, "The company opened a new factory near the river.", false},
    };

    private static NarrativeCatalog catalog;
    private static NarrativeSpace space;
    private static EncoderConfig encoder;
    private static Dataset<Row> sentences;
    private static Dataset<Row> mentions;

    @BeforeAll
    static void build() {
        SparkTestSession.get();
        catalog = NarrativeCatalog.parse(FILE, "test");
        encoder = new EncoderConfig();
        space = NarrativeSpace.build(catalog, NarrativesStage.embedder(encoder, new Configuration()));
        List<Row> rows = new ArrayList<>();
        List<Row> mentioned = new ArrayList<>();
        for (Object[] r : ROWS) {
            rows.add(RowFactory.create(r[0], r[1], r[2]));
            if ((Boolean) r[3]) {
                mentioned.add(RowFactory.create(r[0], r[1], "russia"));
            }
        }
        sentences = SparkTestSession.get().createDataFrame(rows, SENTENCES);
        mentions = SparkTestSession.get().createDataFrame(mentioned, MENTIONS);
    }

    private static NarrativesConfig config(double minScore, double threshold, int minSentences) {
        NarrativesConfig config = new NarrativesConfig();
        config.setMinScore(minScore);
        config.setThreshold(threshold);
        config.setMinSentences(minSentences);
        return config;
    }

    private static Map<String, Double> scores(Dataset<Row> sentenceNarratives) {
        Map<String, Double> out = new HashMap<>();
        for (Row r : sentenceNarratives.collectAsList()) {
            out.put(r.getAs("doc_id") + "/" + r.getAs("sentence_id") + "/" + r.getAs("narrative_id"), r.getAs("score"));
        }
        return out;
    }

    @Test
    void onlySentencesThatMentionATargetOrNameACue_areScored() {
        NarrativesStage.Result result = new NarrativesStage(config(0.0, 0.5, 1), catalog, space, encoder)
                .apply(sentences, mentions, null);
        Set<String> scored = result.sentenceNarratives().collectAsList().stream()
                .map(r -> r.getAs("doc_id") + "/" + r.getAs("sentence_id")).collect(Collectors.toSet());
        result.release();
        assertEquals(Set.of("d1/0", "d1/2", "d2/0", "d2/1"), scored, "no cue, no mention: not a candidate");
        assertEquals(4L, result.encoded().value());
    }

    @Test
    void sentenceVectorsFromStance_areReusedAndScoreExactlyAsEncodingThem() {
        NarrativesStage stage = new NarrativesStage(config(0.0, 0.5, 1), catalog, space, encoder);
        NarrativesStage.Result encoded = stage.apply(sentences, mentions, null);
        Map<String, Double> expected = scores(encoded.sentenceNarratives());
        encoded.release();

        SentenceEmbedder embedder = NarrativesStage.embedder(encoder, new Configuration());
        List<Row> vectors = new ArrayList<>();
        for (Object[] r : ROWS) {
            if ((Boolean) r[3]) {
                float[] v = embedder.passages(List.of((String) r[2]))[0];
                List<Float> values = new ArrayList<>();
                for (float f : v) {
                    values.add(f);
                }
                vectors.add(RowFactory.create(r[0], r[1], values));
            }
        }
        NarrativesStage.Result reused = stage.apply(sentences, mentions,
                SparkTestSession.get().createDataFrame(vectors, EMBEDDINGS));
        Map<String, Double> actual = scores(reused.sentenceNarratives());
        reused.release();
        assertEquals(expected, actual);
        assertEquals(2L, reused.reused().value(), "the two mentioning sentences come from the vectors");
        assertEquals(2L, reused.encoded().value(), "only the cue sentences are encoded");
    }

    @Test
    void descriptionsFindSentencesInOtherLanguages() {
        NarrativesStage.Result result = new NarrativesStage(config(0.0, 0.5, 1), catalog, space, encoder)
                .apply(sentences, mentions, null);
        Map<String, Double> s = scores(result.sentenceNarratives());
        result.release();
        assertTrue(s.get("d1/0/distrust_towards_media") > s.get("d1/0/sanctions_hurt_europe"), "Russian: " + s);
        assertTrue(s.get("d2/0/sanctions_hurt_europe") > s.get("d2/0/distrust_towards_media"), "Arabic: " + s);
        assertTrue(s.get("d2/0/sanctions_hurt_europe") >= 0.5, "Arabic sentence carries it: " + s);
    }

    @Test
    void documents_takeTheirStrongestSentencesAsEvidence_andNeedMinSentences() {
        NarrativesStage.Result result = new NarrativesStage(config(0.0, 0.0, 1), catalog, space, encoder)
                .apply(sentences, mentions, null);
        List<Row> sentenceRows = result.sentenceNarratives().collectAsList();
        List<Row> docs = result.docNarratives().collectAsList();
        Row d1 = docs.stream().filter(r -> r.getAs("doc_id").equals("d1")
                && r.getAs("narrative_id").equals("distrust_towards_media")).findFirst().orElseThrow();
        List<Integer> expected = sentenceRows.stream().filter(r -> r.getAs("doc_id").equals("d1")
                && r.getAs("narrative_id").equals("distrust_towards_media"))
                .sorted(Comparator.comparingDouble((Row r) -> -r.<Double>getAs("score")))
                .map(r -> r.<Integer>getAs("sentence_id")).toList();
        assertEquals(expected, d1.getList(d1.fieldIndex("evidence_sentence_ids")));
        assertEquals(2, d1.<Integer>getAs("n_sentences"));
        result.release();

        NarrativesStage.Result strict = new NarrativesStage(config(0.0, 0.0, 2), catalog, space, encoder)
                .apply(sentences, mentions, null);
        Set<String> docsKept = strict.docNarratives().collectAsList().stream().map(r -> r.<String>getAs("doc_id"))
                .collect(Collectors.toSet());
        strict.release();
        assertEquals(Set.of("d1", "d2"), docsKept, "each has two candidate sentences");
    }

    @Test
    void aSentencesTableWithoutText_failsNamingTheStageAndColumn() {
        Dataset<Row> noText = sentences.drop("text");
        NarrativeException e = assertThrows(NarrativeException.class,
                () -> new NarrativesStage(config(0.2, 0.5, 1), catalog, space, encoder).apply(noText, mentions, null));
        assertTrue(e.getMessage().contains("narratives (sentences)") && e.getMessage().contains("text"), e.getMessage());
    }
}
