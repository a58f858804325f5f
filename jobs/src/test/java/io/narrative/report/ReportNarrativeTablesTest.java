package io.narrative.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narrative.core.config.ReportConfig;
import io.narrative.testing.SparkTestSession;
import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReportNarrativeTablesTest {
    private static final StructType DOCUMENTS = new StructType().add("doc_id", DataTypes.StringType)
            .add("source", DataTypes.StringType).add("published", DataTypes.DateType).add("lang", DataTypes.StringType)
            .add("duplicate_of", DataTypes.StringType);
    private static final StructType DOC_NARRATIVES = new StructType().add("doc_id", DataTypes.StringType)
            .add("narrative_id", DataTypes.StringType);
    private static final StructType DOC_STANCE = new StructType().add("doc_id", DataTypes.StringType)
            .add("target", DataTypes.StringType).add("n_mentions", DataTypes.IntegerType)
            .add("score", DataTypes.DoubleType).add("label", DataTypes.StringType)
            .add("confidence", DataTypes.DoubleType)
            .add("evidence_sentence_ids", DataTypes.createArrayType(DataTypes.IntegerType));

    private static ReportStage.NarrativeResult result;

    private static Dataset<Row> frame(StructType schema, Row... rows) {
        return SparkTestSession.get().createDataFrame(List.of(rows), schema);
    }

    @BeforeAll
    static void apply() {
        Dataset<Row> documents = frame(DOCUMENTS,
                RowFactory.create("a", "reuters", Date.valueOf("2023-03-02"), "en", null),
                RowFactory.create("b", "reuters", Date.valueOf("2023-03-28"), "en", null),
                RowFactory.create("b2", "reuters", Date.valueOf("2023-03-29"), "en", "b"),
                RowFactory.create("c", "tass", Date.valueOf("2023-04-10"), "en", null),
                RowFactory.create("d", null, null, "en", null));
        Dataset<Row> docNarratives = frame(DOC_NARRATIVES, RowFactory.create("a", "x"), RowFactory.create("b", "x"),
                RowFactory.create("b", "y"), RowFactory.create("c", "x"));
        Dataset<Row> docStance = frame(DOC_STANCE,
                RowFactory.create("a", "russia", 2, -0.5, "against", 0.9, List.of(3, 1)),
                RowFactory.create("b", "russia", 1, 0.3, "favor", 0.4, List.of(7)),
                RowFactory.create("c", "russia", 4, 0.0, "neutral", 0.6, List.of()));
        ReportConfig config = new ReportConfig();
        config.setMinDocs(2);
        result = new ReportStage(config).narrativeTables(documents, docNarratives, docStance);
    }

    private static Row find(Dataset<Row> table, String column, Object value, String narrative) {
        return table.collectAsList().stream()
                .filter(r -> String.valueOf(r.<Object>getAs(column)).equals(String.valueOf(value))
                        && r.getAs("narrative_id").equals(narrative))
                .findFirst().orElseThrow(() -> new AssertionError("no row " + value + " / " + narrative));
    }

    @Test
    void timeline_sharesAreOfTheDistinctDocumentsOfThePeriodAndLanguage() {
        Row march = find(result.timeline(), "period_start", "2023-03-01", "y");
        assertEquals(1L, march.<Long>getAs("n_docs"));
        assertEquals(2L, march.<Long>getAs("n_docs_total"), "the duplicate b2 is not counted");
        assertEquals(0.5, march.<Double>getAs("share_of_docs"), 1e-12);
        assertFalse(march.<Boolean>getAs("low_count"));
        Row april = find(result.timeline(), "period_start", "2023-04-01", "x");
        assertEquals(1.0, april.<Double>getAs("share_of_docs"), 1e-12);
        assertTrue(april.<Boolean>getAs("low_count"), "one document in the period: no finding");
    }

    @Test
    void bySource_countsEachOutletsDocuments() {
        Row reuters = find(result.bySource(), "source", "reuters", "x");
        assertEquals(2L, reuters.<Long>getAs("n_docs"));
        assertEquals(1.0, reuters.<Double>getAs("share_of_docs"), 1e-12);
        assertTrue(find(result.bySource(), "source", "tass", "x").<Boolean>getAs("low_count"));
    }

    @Test
    void narrativeStance_isTheTargetsStanceInTheDocumentsCarryingTheNarrative() {
        Row x = find(result.stance(), "target", "russia", "x");
        assertEquals(3L, x.<Long>getAs("n_docs"));
        assertEquals((-0.5 + 0.3 + 0.0) / 3, x.<Double>getAs("mean_score"), 1e-12);
        assertEquals(1.0 / 3, x.<Double>getAs("share_against"), 1e-12);
        assertTrue(find(result.stance(), "target", "russia", "y").<Boolean>getAs("low_count"));
    }
}
