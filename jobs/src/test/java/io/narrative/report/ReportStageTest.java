package io.narrative.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narrative.core.NarrativeException;
import io.narrative.core.config.ReportConfig;
import io.narrative.testing.SparkTestSession;
import java.sql.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReportStageTest {
    private static final StructType DOCUMENTS = new StructType().add("doc_id", DataTypes.StringType)
            .add("source", DataTypes.StringType).add("published", DataTypes.DateType).add("lang", DataTypes.StringType);
    private static final StructType DOC_STANCE = new StructType().add("doc_id", DataTypes.StringType)
            .add("target", DataTypes.StringType).add("n_mentions", DataTypes.IntegerType)
            .add("score", DataTypes.DoubleType).add("label", DataTypes.StringType)
            .add("confidence", DataTypes.DoubleType)
            .add("evidence_sentence_ids", DataTypes.createArrayType(DataTypes.IntegerType));
    private static final StructType DOC_TOPICS = new StructType().add("doc_id", DataTypes.StringType)
            .add("lang", DataTypes.StringType).add("dominant_topic", DataTypes.IntegerType)
            .add("dominant_weight", DataTypes.DoubleType)
            .add("weights", DataTypes.createArrayType(DataTypes.DoubleType));
    private static final StructType TOPICS = new StructType().add("lang", DataTypes.StringType)
            .add("topic_id", DataTypes.IntegerType).add("label", DataTypes.StringType);

    private static ReportStage.Result result;

    private static Dataset<Row> frame(StructType schema, Row... rows) {
        return SparkTestSession.get().createDataFrame(List.of(rows), schema);
    }

    @BeforeAll
    static void apply() {
        Dataset<Row> documents = frame(DOCUMENTS,
                RowFactory.create("a", "reuters", Date.valueOf("2023-03-02"), "en"),
                RowFactory.create("b", "reuters", Date.valueOf("2023-03-28"), "en"),
                RowFactory.create("c", "tass", Date.valueOf("2023-04-10"), "en"),
                RowFactory.create("d", null, null, "en"));
        Dataset<Row> docStance = frame(DOC_STANCE,
                RowFactory.create("a", "russia", 2, -0.5, "against", 0.9, List.of(3, 1)),
                RowFactory.create("b", "russia", 1, 0.3, "favor", 0.4, List.of(7)),
                RowFactory.create("c", "russia", 4, 0.0, "neutral", 0.6, List.of()),
                RowFactory.create("d", "turkey", 1, 0.2, "favor", 0.5, List.of(0)));
        Dataset<Row> docTopics = frame(DOC_TOPICS,
                RowFactory.create("a", "en", 0, 0.8, List.of(0.8, 0.2)),
                RowFactory.create("b", "en", 0, 0.6, List.of(0.6, 0.4)),
                RowFactory.create("c", "en", 1, 0.9, List.of(0.1, 0.9)),
                RowFactory.create("d", "en", 1, 0.7, List.of(0.3, 0.7)));
        Dataset<Row> topics = frame(TOPICS, RowFactory.create("en", 0, "war | army | front"),
                RowFactory.create("en", 1, "gas | oil | price"));
        ReportConfig config = new ReportConfig();
        config.setMinDocs(2);
        result = new ReportStage(config).apply(documents, docStance, docTopics, topics);
    }

    @Test
    void narratives_topicTargetCell_aggregatesItsDocuments() {
        Row cell = result.narratives().collectAsList().stream()
                .filter(r -> r.<Integer>getAs("topic_id") == 0 && r.getAs("target").equals("russia"))
                .findFirst().orElseThrow();
        assertEquals("war | army | front", cell.getAs("topic_label"));
        assertEquals(2L, cell.<Long>getAs("n_docs"));
        assertEquals(3L, cell.<Long>getAs("n_mentions"));
        assertEquals(-0.1, cell.<Double>getAs("mean_score"), 1e-9);
        assertEquals(0.5, cell.<Double>getAs("share_favor"), 1e-9);
        assertFalse(cell.<Boolean>getAs("low_count"));
        List<Row> examples = cell.getList(cell.fieldIndex("example_sentence_ids"));
        assertEquals("a", examples.get(0).getAs("doc_id"), "the strongest document comes first");
        assertEquals(3, examples.get(0).<Integer>getAs("sentence_id"));
    }

    @Test
    void narratives_cellBelowMinDocs_isFlagged() {
        Row cell = result.narratives().collectAsList().stream()
                .filter(r -> r.<Integer>getAs("topic_id") == 1 && r.getAs("target").equals("russia"))
                .findFirst().orElseThrow();
        assertTrue(cell.<Boolean>getAs("low_count"));
        assertEquals(0, cell.getList(cell.fieldIndex("example_sentence_ids")).size(),
                "a document without evidence sentences is no example");
    }

    @Test
    void stanceTimeline_monthly_leavesUndatedDocumentsOutAndCountsThem() {
        Map<String, Long> docsPerMonth = result.stanceTimeline().collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getAs("period_start").toString() + " " + r.getAs("target"),
                        r -> r.<Long>getAs("n_docs")));
        assertEquals(Map.of("2023-03-01 russia", 2L, "2023-04-01 russia", 1L), docsPerMonth);
        assertEquals(List.of("d"), result.undatedStanceDocs().collectAsList().stream()
                .map(r -> r.<String>getString(0)).toList());
    }

    @Test
    void stanceBySource_missingSource_isUnknown() {
        Map<String, Long> bySource = result.stanceBySource().collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getAs("source") + " " + r.getAs("target"), r -> r.<Long>getAs("n_docs")));
        assertEquals(Map.of("reuters russia", 2L, "tass russia", 1L, "unknown turkey", 1L), bySource);
    }

    @Test
    void topicTimeline_prevalenceIsMeanWeightPerPeriod() {
        Row march = result.topicTimeline().collectAsList().stream()
                .filter(r -> r.getAs("period_start").toString().equals("2023-03-01") && r.<Integer>getAs("topic_id") == 1)
                .findFirst().orElseThrow();
        assertEquals(0.3, march.<Double>getAs("prevalence"), 1e-9);
        assertEquals(2L, march.<Long>getAs("n_docs"));
    }

    @Test
    void apply_wrongColumnType_failsNamingTable() {
        Dataset<Row> badTopics = frame(new StructType().add("lang", DataTypes.StringType)
                .add("topic_id", DataTypes.StringType).add("label", DataTypes.StringType));
        NarrativeException e = assertThrows(NarrativeException.class, () -> new ReportStage(new ReportConfig())
                .apply(frame(DOCUMENTS), frame(DOC_STANCE), frame(DOC_TOPICS), badTopics));
        assertTrue(e.getMessage().contains("report (topics): column topic_id must be int"), e.getMessage());
    }
}
