package io.narrative.tokenize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narrative.core.NarrativeException;
import io.narrative.core.config.TokenizeConfig;
import io.narrative.testing.SparkTestSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class TokenizeStageTest {
    private static final StructType DOCUMENTS = new StructType()
            .add("doc_id", DataTypes.StringType)
            .add("text", DataTypes.StringType)
            .add("paragraph_langs", DataTypes.createArrayType(DataTypes.StringType))
            .add("duplicate_of", DataTypes.StringType);

    private static Dataset<Row> documents(List<Row> rows) {
        return SparkTestSession.get().createDataFrame(rows, DOCUMENTS);
    }

    @Test
    void mixedEnglishArabicDocument_sentencesInBothLanguages_withOffsetsIntoText() {
        String text = "Russia is ready to work with the U.S. in Libya. Mr. Lavrov agreed.\n\n"
                + "قال لافروف إن روسيا مستعدة للعمل مع الولايات المتحدة في ليبيا. وأضاف أن الحوار مستمر.";
        TokenizeStage.Result result = new TokenizeStage(new TokenizeConfig())
                .apply(documents(List.of(RowFactory.create("d1", text, List.of("en", "ar"), null))));
        try {
            List<Row> sentences = result.sentences().orderBy("sentence_id").collectAsList();
            assertEquals(List.of("en", "en", "ar", "ar"), sentences.stream().map(r -> r.<String>getAs("lang")).toList());
            assertEquals(List.of(0, 0, 1, 1), sentences.stream().map(r -> r.<Integer>getAs("paragraph_id")).toList());
            for (Row s : sentences) {
                assertEquals(s.<String>getAs("text"),
                        text.substring(s.<Integer>getAs("char_start"), s.<Integer>getAs("char_end")));
            }
            Map<String, Long> tokensPerLang = result.docTerms().collectAsList().stream()
                    .collect(Collectors.toMap(r -> r.getAs("lang"), r -> (long) r.<Integer>getAs("n_tokens")));
            assertEquals(2, tokensPerLang.size());
            assertTrue(tokensPerLang.get("ar") > 5 && tokensPerLang.get("en") > 5, tokensPerLang.toString());
        } finally {
            result.release();
        }
    }

    @Test
    void duplicates_skippedByDefault() {
        TokenizeStage.Result result = new TokenizeStage(new TokenizeConfig()).apply(documents(List.of(
                RowFactory.create("a", "Ankara spoke.", List.of("en"), null),
                RowFactory.create("b", "Ankara spoke.", List.of("en"), "a"))));
        try {
            assertEquals(List.of("a"), result.sentences().select("doc_id").as(org.apache.spark.sql.Encoders.STRING())
                    .collectAsList());
        } finally {
            result.release();
        }
    }

    @Test
    void frequentCollocation_becomesOnePhraseTerm_withReadableDisplay() {
        List<Row> rows = new ArrayList<>();
        String[] subjects = {"troops", "diplomats", "banks", "ships", "officials", "envoys", "markets", "pilots",
            "tankers", "judges", "farmers"};
        String[] verbs = {"sent", "moved", "recalled", "hired", "trained", "paid", "warned", "praised", "fined",
            "blamed", "armed"};
        for (int i = 0; i < 44; i++) {
            rows.add(RowFactory.create("d" + i, "The United States " + verbs[i % verbs.length] + " "
                    + subjects[(i * 7) % subjects.length] + " to Brussels. Nagorno Karabakh "
                    + verbs[(i + 5) % verbs.length] + " " + subjects[(i + 3) % subjects.length] + ".",
                    List.of("en"), null));
        }
        TokenizeStage.Result result = new TokenizeStage(new TokenizeConfig()).apply(documents(rows));
        try {
            Map<String, String> display = result.termForms().collectAsList().stream()
                    .collect(Collectors.toMap(r -> r.getAs("term"), r -> r.getAs("display")));
            String unitedStates = display.entrySet().stream().filter(e -> e.getValue().equals("United States"))
                    .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new AssertionError(display.toString()));
            assertTrue(unitedStates.contains("_"), unitedStates);
            assertTrue(display.containsValue("Nagorno Karabakh"), display.toString());
            assertTrue(result.phrasesPerLanguage().get("en") >= 2);
        } finally {
            result.release();
        }
    }

    @Test
    void inputWithoutParagraphLangs_failsBeforeTouchingData() {
        Dataset<Row> wrong = SparkTestSession.get().createDataFrame(List.of(RowFactory.create("d", "text")),
                new StructType().add("doc_id", DataTypes.StringType).add("text", DataTypes.StringType));
        NarrativeException e = assertThrows(NarrativeException.class,
                () -> new TokenizeStage(new TokenizeConfig()).apply(wrong));
        assertTrue(e.getMessage().startsWith("tokenize: input has no column paragraph_langs"), e.getMessage());
    }
}
