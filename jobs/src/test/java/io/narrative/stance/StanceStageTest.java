package io.narrative.stance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narrative.core.NarrativeException;
import io.narrative.core.config.StanceConfig;
import io.narrative.stance.lexicon.StanceResources;
import io.narrative.testing.SparkTestSession;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import io.narrative.testing.TestModels;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StanceStageTest {
    private static final StructType SENTENCES = new StructType()
            .add("doc_id", DataTypes.StringType).add("sentence_id", DataTypes.IntegerType)
            .add("paragraph_id", DataTypes.IntegerType).add("lang", DataTypes.StringType)
            .add("text", DataTypes.StringType).add("char_start", DataTypes.IntegerType);

    private static Dataset<Row> sentences(Row... rows) {
        return SparkTestSession.get().createDataFrame(List.of(rows), SENTENCES);
    }

    private static StanceStage.Result withEncoder(StanceConfig config, Dataset<Row> sentences) {
        return StanceStage.encoder(config, StanceResources.load(config, new Configuration()),
                StanceHead.load("", new Configuration()), TestModels.encoderModel()).apply(sentences);
    }

    private static StanceStage.Result apply(StanceConfig config, Dataset<Row> sentences) {
        return StanceStage.rules(config, StanceResources.load(config, new Configuration()), null).apply(sentences);
    }

    @Test
    void apply_mentionOffsets_areDocumentOffsets() {
        String second = "Moscow condemned the move.";
        StanceStage.Result result = apply(new StanceConfig(), sentences(
                RowFactory.create("d1", 0, 0, "en", "No target here.", 0),
                RowFactory.create("d1", 1, 0, "en", second, 16)));
        Row mention = result.mentions().collectAsList().get(0);
        assertEquals("Moscow", mention.getAs("alias"));
        assertEquals(16, mention.<Integer>getAs("char_start"));
        assertEquals(22, mention.<Integer>getAs("char_end"));
        result.release();
    }

    @Test
    void apply_documentScore_weighsLeadParagraphAndAgreement() {
        StanceConfig config = new StanceConfig();
        StanceStage.Result result = apply(config, sentences(
                RowFactory.create("d1", 0, 0, "en", "Washington is sabotaging the talks.", 0),
                RowFactory.create("d1", 1, 1, "en", "Washington supported the plan.", 40),
                RowFactory.create("d1", 2, 1, "en", "Washington met the delegates.", 80)));
        Map<Integer, Double> sentenceScores = result.sentenceStance().collectAsList().stream()
                .collect(Collectors.toMap(r -> r.<Integer>getAs("sentence_id"), r -> r.<Double>getAs("score")));
        Row doc = result.docStance().collectAsList().get(0);
        double expected = (2.0 * sentenceScores.get(0) + sentenceScores.get(1) + sentenceScores.get(2)) / 4.0;
        assertEquals(expected, doc.<Double>getAs("score"), 1e-9);
        assertEquals(3, doc.<Integer>getAs("n_mentions"));
        List<Integer> evidence = doc.getList(doc.fieldIndex("evidence_sentence_ids"));
        assertEquals(List.of(0, 1), evidence, "the sentence without cues is no evidence");
        double confidence = doc.getAs("confidence");
        assertTrue(confidence > 0 && confidence < 1, "mixed evidence gives partial confidence: " + confidence);
        result.release();
    }

    @Test
    void apply_sentenceEvidence_listsCueRoleAndWeight() {
        StanceStage.Result result = apply(new StanceConfig(), sentences(
                RowFactory.create("d1", 0, 0, "en", "The sanctions against Russia were announced.", 0)));
        Row row = result.sentenceStance().collectAsList().get(0);
        Row evidence = row.<Row>getList(row.fieldIndex("evidence")).get(0);
        assertEquals("sanctions", evidence.getAs("cue"));
        assertEquals("patient", evidence.getAs("role"));
        assertTrue(evidence.<Double>getAs("weight") > 0);
        assertEquals("favor", row.getAs("label"));
        result.release();
    }

    @Test
    void apply_missingColumn_failsBeforeReadingData() {
        Dataset<Row> noLang = sentences(RowFactory.create("d1", 0, 0, "en", "Russia.", 0)).drop("lang");
        NarrativeException e = assertThrows(NarrativeException.class, () -> apply(new StanceConfig(), noLang));
        assertTrue(e.getMessage().contains("stance: input has no column lang"), e.getMessage());
    }

    @Test
    void encoder_twoTargetsInOneSentence_eachGetsItsOwnProbabilities() {
        StanceStage.Result result = withEncoder(new StanceConfig(), sentences(RowFactory.create("d1", 0, 0, "en",
                "Russia praised the ceasefire, while Washington condemned it as a sham.", 0)));
        Map<String, Row> byTarget = result.sentenceStance().collectAsList().stream()
                .collect(Collectors.toMap(r -> r.<String>getAs("target"), r -> r));
        assertEquals(Set.of("russia", "united_states"), byTarget.keySet());
        for (Row row : byTarget.values()) {
            double pa = row.getAs("p_against");
            double pn = row.getAs("p_neutral");
            double pf = row.getAs("p_favor");
            assertEquals(1.0, pa + pn + pf, 1e-9);
            assertEquals(pf - pa, row.<Double>getAs("score"), 1e-12);
            String likeliest = pa >= pn && pa >= pf ? "against" : pf > pn ? "favor" : "neutral";
            assertEquals(likeliest, row.getAs("label"));
        }
        assertTrue(Math.abs(byTarget.get("russia").<Double>getAs("p_favor")
                - byTarget.get("united_states").<Double>getAs("p_favor")) > 1e-3,
                "one encoding of the sentence, but each target's own features");
        result.release();
    }

    @Test
    void encoder_documentProbabilities_areTheWeightedMeanOfItsSentences() {
        StanceConfig config = new StanceConfig();
        StanceStage.Result result = withEncoder(config, sentences(
                RowFactory.create("d1", 0, 0, "en", "Turkey shot down a Russian jet near the border.", 0),
                RowFactory.create("d1", 1, 1, "en", "Ankara later offered to help the pilots' families.", 50)));
        List<Row> sentences = result.sentenceStance().filter("target = 'turkey'").collectAsList();
        Row doc = result.docStance().filter("target = 'turkey'").collectAsList().get(0);
        double weights = 0;
        double favor = 0;
        for (Row r : sentences) {
            double w = r.<Integer>getAs("n_mentions") * (r.<Integer>getAs("paragraph_id") < config.getLeadParagraphs()
                    ? config.getLeadWeight() : 1.0);
            weights += w;
            favor += w * r.<Double>getAs("p_favor");
        }
        assertEquals(favor / weights, doc.<Double>getAs("p_favor"), 1e-9);
        double max = Math.max(doc.<Double>getAs("p_against"), Math.max(doc.<Double>getAs("p_neutral"),
                doc.<Double>getAs("p_favor")));
        assertEquals(max, doc.<Double>getAs("confidence"), 1e-12, "confidence is the label's probability");
        result.release();
    }

    @Test
    void rules_leaveTheProbabilitiesNull() {
        StanceStage.Result result = apply(new StanceConfig(), sentences(
                RowFactory.create("d1", 0, 0, "en", "The sanctions against Russia were announced.", 0)));
        Row row = result.sentenceStance().collectAsList().get(0);
        assertTrue(row.isNullAt(row.fieldIndex("p_favor")));
        Row doc = result.docStance().collectAsList().get(0);
        assertTrue(doc.isNullAt(doc.fieldIndex("p_against")));
        result.release();
    }
}
