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
import org.junit.jupiter.api.Test;

class StanceStageTest {
    private static final StructType SENTENCES = new StructType()
            .add("doc_id", DataTypes.StringType).add("sentence_id", DataTypes.IntegerType)
            .add("paragraph_id", DataTypes.IntegerType).add("lang", DataTypes.StringType)
            .add("text", DataTypes.StringType).add("char_start", DataTypes.IntegerType);

    private static Dataset<Row> sentences(Row... rows) {
        return SparkTestSession.get().createDataFrame(List.of(rows), SENTENCES);
    }

    private static StanceStage.Result apply(StanceConfig config, Dataset<Row> sentences) {
        return new StanceStage(config, StanceResources.load(config, new Configuration()), null).apply(sentences);
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
}
