package io.narrative.narratives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narrative.core.NarrativeException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

class NarrativeCatalogTest {
    private static final String ONE = """
            narratives:
              - id: alpha
                description: Something happens.
                examples:
                  - {lang: en, text: "It happened."}
            """;

    private static String messageOf(String yaml) {
        return assertThrows(NarrativeException.class, () -> NarrativeCatalog.parse(yaml, "test.yaml")).getMessage();
    }

    @Test
    void theBuiltInFile_coversTheUkraineWarStorylinesAndEachHasExamplesInSeveralLanguages() {
        NarrativeCatalog catalog = NarrativeCatalog.load("", new Configuration());
        Set<String> ids = catalog.narratives().stream().map(NarrativeSpec::getId).collect(Collectors.toSet());
        for (String required : List.of("blaming_the_war_on_others", "discrediting_ukraine", "russia_is_the_victim",
                "praise_of_russia", "discrediting_the_west", "overpraising_the_west", "speculating_war_outcomes",
                "amplifying_war_related_fears", "negative_consequences_for_the_west", "hidden_plots",
                "distrust_towards_media")) {
            assertTrue(ids.contains(required), required);
        }
        assertTrue(ids.stream().anyMatch(id -> id.startsWith("us_")) && ids.stream().anyMatch(id -> id.startsWith("turkey_")));
        for (NarrativeSpec n : catalog.narratives()) {
            Set<String> langs = n.getExamples().stream().map(ExampleSpec::getLang).collect(Collectors.toSet());
            assertTrue(langs.containsAll(List.of("en", "ru", "ar", "tr")), n.getId() + " has examples in " + langs);
        }
        assertTrue(catalog.background().size() >= 20);
    }

    @Test
    void aValidFile_givesTitlesFromIdsWhenMissing() {
        NarrativeCatalog catalog = NarrativeCatalog.parse(ONE, "test.yaml");
        assertEquals("alpha", catalog.narratives().get(0).getTitle());
        assertEquals(List.of(), catalog.narratives().get(0).getCues());
    }

    @Test
    void anUnknownKey_failsNamingIt() {
        String message = messageOf(ONE.replace("description:", "colour: red\n    description:"));
        assertTrue(message.contains("test.yaml") && message.contains("colour"), message);
    }

    @Test
    void anEmptyDescription_failsNamingTheEntry() {
        String message = messageOf(ONE.replace("Something happens.", "\"  \""));
        assertTrue(message.contains("narratives[0] (id alpha)") && message.contains("description"), message);
    }

    @Test
    void aDuplicateId_failsNamingTheSecondEntry() {
        String message = messageOf(ONE + ONE.replace("narratives:\n", ""));
        assertTrue(message.contains("narratives[1]") && message.contains("already used"), message);
    }

    @Test
    void anUnknownParentOrAThirdLevel_fails() {
        assertTrue(messageOf(ONE.replace("description:", "parent: beta\n    description:")).contains("beta"));
        String threeLevels = ONE + """
                  - id: beta
                    parent: alpha
                    description: B.
                  - id: gamma
                    parent: beta
                    description: C.
                """;
        String message = messageOf(threeLevels);
        assertTrue(message.contains("gamma") && message.contains("two levels"), message);
    }

    @Test
    void anIdThatIsNotSnakeCase_fails() {
        String message = messageOf(ONE.replace("id: alpha", "id: Alpha Storyline"));
        assertTrue(message.contains("key id") && message.contains("Alpha Storyline"), message);
    }

    @Test
    void anExampleWithoutLanguage_failsNamingIt() {
        String message = messageOf(ONE.replace("{lang: en, text: \"It happened.\"}", "{text: \"It happened.\"}"));
        assertTrue(message.contains("examples[0]") && message.contains("lang"), message);
    }
}
