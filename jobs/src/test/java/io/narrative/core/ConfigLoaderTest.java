package io.narrative.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narrative.core.config.ConfigLoader;
import io.narrative.core.config.PipelineConfig;
import io.narrative.testing.ProjectFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @Test
    void pipelineYaml_documentsExactlyTheBuiltInDefaults() {
        PipelineConfig fromFile = ConfigLoader.load(ProjectFiles.resolve("conf/pipeline.yaml"), Map.of());
        assertEquals(ConfigLoader.toJson(ConfigLoader.defaults()), ConfigLoader.toJson(fromFile));
    }

    @Test
    void load_unknownKey_namesKeyAndKnownKeys() {
        NarrativeException e = assertThrows(NarrativeException.class,
                () -> ConfigLoader.fromYaml("ingest:\n  max_charz: 5\n", "test.yaml"));
        assertTrue(e.getMessage().contains("ingest.max_charz"), e.getMessage());
        assertTrue(e.getMessage().contains("max_chars"), e.getMessage());
    }

    @Test
    void load_wrongType_namesKeyValueAndExpectedType() {
        NarrativeException e = assertThrows(NarrativeException.class,
                () -> ConfigLoader.fromYaml("ingest:\n  max_chars: lots\n", "test.yaml"));
        assertTrue(e.getMessage().contains("ingest.max_chars"), e.getMessage());
        assertTrue(e.getMessage().contains("lots"), e.getMessage());
        assertTrue(e.getMessage().contains("whole number"), e.getMessage());
    }

    @Test
    void load_outOfRangeValue_namesKeyValueAndRange() {
        NarrativeException e = assertThrows(NarrativeException.class,
                () -> ConfigLoader.fromYaml("ingest:\n  duplicates:\n    jaccard_threshold: 1.5\n", "test.yaml"));
        assertEquals("config key ingest.duplicates.jaccard_threshold: got 1.5, expected a number from 0.01 to 1.0",
                e.getMessage());
    }

    @Test
    void load_unknownLanguageCode_isRejected() {
        NarrativeException e = assertThrows(NarrativeException.class,
                () -> ConfigLoader.fromYaml("ingest:\n  languages: [en, english]\n", "test.yaml"));
        assertTrue(e.getMessage().contains("ingest.languages[1]"), e.getMessage());
    }

    @Test
    void load_setOverride_changesValueWithItsType(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, "ingest:\n  max_chars: 10\n");
        PipelineConfig config = ConfigLoader.load(file, Map.of("ingest.max_chars", "2000",
                "ingest.languages", "[en, ar]", "ingest.duplicates.near", "false"));
        assertEquals(2000, config.getIngest().getMaxChars());
        assertEquals(List.of("en", "ar"), config.getIngest().getLanguages());
        assertEquals(false, config.getIngest().getDuplicates().isNear());
    }

    @Test
    void load_setOverrideOfUnknownKey_fails() {
        NarrativeException e = assertThrows(NarrativeException.class,
                () -> ConfigLoader.load(null, Map.of("ingest.nope", "1")));
        assertTrue(e.getMessage().contains("ingest.nope"), e.getMessage());
    }

    @Test
    void load_singleFieldName_isAcceptedAsList() {
        PipelineConfig config = ConfigLoader.fromYaml("ingest:\n  fields:\n    text: content\n", "test.yaml");
        assertEquals(List.of("content"), config.getIngest().getFields().getText());
    }

    @Test
    void load_javaTypeTag_isNotInstantiated() {
        // A YAML type tag must not make the loader build arbitrary classes: it is a wrong type here.
        assertThrows(NarrativeException.class, () -> ConfigLoader.fromYaml(
                "run: !!java.lang.ProcessBuilder [\"touch\", \"/tmp/pwned\"]\n", "test.yaml"));
    }

    @Test
    void topicsOptimizerAuto_emUpToTheBound_onlineAbove() {
        PipelineConfig config = ConfigLoader.fromYaml("topics:\n  optimizer: auto\n  em_max_units: 1000\n", "test.yaml");
        assertEquals("em", config.getTopics().optimizerFor(1000));
        assertEquals("online", config.getTopics().optimizerFor(1001));
        PipelineConfig online = ConfigLoader.fromYaml("topics:\n  optimizer: online\n", "test.yaml");
        assertEquals("online", online.getTopics().optimizerFor(10));
    }

    @Test
    void topicsOptimizer_unknownValue_namesKeyAndChoices() {
        NarrativeException e = assertThrows(NarrativeException.class,
                () -> ConfigLoader.fromYaml("topics:\n  optimizer: mcmc\n", "test.yaml"));
        assertTrue(e.getMessage().contains("topics.optimizer") && e.getMessage().contains("mcmc")
                && e.getMessage().contains("gibbs") && e.getMessage().contains("auto"), e.getMessage());
    }

    @Test
    void topicsGibbsSettings_outOfRange_nameKeyAndValue() {
        NarrativeException e = assertThrows(NarrativeException.class, () -> ConfigLoader.fromYaml(
                "topics:\n  optimizer: gibbs\n  iterations: 0\n  optimize_interval: -5\n", "test.yaml"));
        assertTrue(e.getMessage().contains("topics.iterations") && e.getMessage().contains("0"), e.getMessage());
        assertTrue(e.getMessage().contains("topics.optimize_interval") && e.getMessage().contains("-5"),
                e.getMessage());
        PipelineConfig config = ConfigLoader.fromYaml("topics:\n  optimizer: gibbs\n  iterations: 300\n"
                + "  optimize_burn_in: 50\n", "test.yaml");
        assertEquals("gibbs", config.getTopics().optimizerFor(10));
        assertEquals(300, config.getTopics().getIterations());
        assertEquals(50, config.getTopics().getOptimizeBurnIn());
    }

    @Test
    void topicsLearningDecay_oneHalf_isRejectedNamingKeyValueAndRange() {
        NarrativeException e = assertThrows(NarrativeException.class,
                () -> ConfigLoader.fromYaml("topics:\n  learning_decay: 0.5\n", "test.yaml"));
        assertTrue(e.getMessage().contains("topics.learning_decay") && e.getMessage().contains("0.5")
                && e.getMessage().contains("above 0.5 and at most 1"),
                e.getMessage());
        assertEquals(0.7, ConfigLoader.fromYaml("topics:\n  learning_decay: 0.7\n", "test.yaml")
                .getTopics().getLearningDecay());
    }

    @Test
    void topicsLearningOffset_belowOne_namesKeyValueAndLowerBound() {
        NarrativeException e = assertThrows(NarrativeException.class,
                () -> ConfigLoader.fromYaml("topics:\n  learning_offset: 0.5\n", "test.yaml"));
        assertTrue(e.getMessage().contains("topics.learning_offset") && e.getMessage().contains("0.5")
                && e.getMessage().contains("a number >= 1.0"), e.getMessage());
    }

    @Test
    void stanceScorer_unknownValue_namesKeyAndChoices() {
        NarrativeException e = assertThrows(NarrativeException.class,
                () -> ConfigLoader.fromYaml("stance:\n  scorer: bert\n", "test.yaml"));
        assertTrue(e.getMessage().contains("stance.scorer") && e.getMessage().contains("bert")
                && e.getMessage().contains("encoder") && e.getMessage().contains("rules"), e.getMessage());
        assertEquals("rules", ConfigLoader.fromYaml("stance:\n  scorer: rules\n", "test.yaml").getStance()
                .getScorer());
    }

    @Test
    void stanceModel_withTheEncoderScorer_isRejectedSayingWhichKeyApplies() {
        NarrativeException e = assertThrows(NarrativeException.class,
                () -> ConfigLoader.fromYaml("stance:\n  model: out/models/stance\n", "test.yaml"));
        assertTrue(e.getMessage().contains("stance.model") && e.getMessage().contains("stance.encoder.head"),
                e.getMessage());
    }

    @Test
    void stanceEncoderKeys_outOfRange_nameKeyAndRange() {
        NarrativeException e = assertThrows(NarrativeException.class, () -> ConfigLoader.fromYaml(
                "stance:\n  encoder:\n    tap_layer: 13\n    batch_tokens: 100\n    train_reg_params: [-1]\n",
                "test.yaml"));
        assertTrue(e.getMessage().contains("stance.encoder.tap_layer") && e.getMessage().contains("13")
                && e.getMessage().contains("stance.encoder.batch_tokens")
                && e.getMessage().contains("stance.encoder.train_reg_params[0]"), e.getMessage());
    }

    @Test
    void stanceTuneKeys_outOfRange_nameKeyValueAndRange() {
        NarrativeException e = assertThrows(NarrativeException.class, () -> ConfigLoader.fromYaml(
                "stance:\n  encoder:\n    tap_layer: 8\n    tune_layers: 5\n    tune_rank: 0\n"
                        + "    tune_learning_rate: 2\n    tune_epochs: 0\n", "test.yaml"));
        String m = e.getMessage();
        assertTrue(m.contains("stance.encoder.tune_layers") && m.contains("0 to 4") && m.contains("5"), m);
        assertTrue(m.contains("stance.encoder.tune_rank") && m.contains("stance.encoder.tune_learning_rate")
                && m.contains("stance.encoder.tune_epochs"), m);
    }

    @Test
    void stanceTuneLayers_zeroAllowed_meansFrozenEncoder() {
        assertEquals(0, ConfigLoader.fromYaml("stance:\n  encoder:\n    tune_layers: 0\n", "test.yaml")
                .getStance().getEncoder().getTuneLayers());
    }

    @Test
    void narrativesMinScoreAboveTheThreshold_isRejectedNamingKeyValueAndRange() {
        NarrativeException e = assertThrows(NarrativeException.class,
                () -> ConfigLoader.fromYaml("narratives:\n  threshold: 0.4\n  min_score: 0.6\n", "test.yaml"));
        assertEquals("config key narratives.min_score: got 0.6, expected a number from 0.0 to 0.4", e.getMessage());
        assertEquals(0.3, ConfigLoader.fromYaml("narratives:\n  enabled: true\n", "test.yaml").getNarratives()
                .getThreshold());
    }
}
