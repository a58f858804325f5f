package io.narrative.stance.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narrative.core.config.StanceConfig;
import io.narrative.stance.StanceHead;
import org.apache.hadoop.conf.Configuration;
import io.narrative.testing.Fixtures;
import io.narrative.testing.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StanceToolsTest {
    @TempDir
    Path dir;

    /** Sentences whose label is carried by a word no lexicon knows ("zorbled" / "quintaved"): only training helps. */
    private Path labelledFile() throws Exception {
        List<String> lines = new ArrayList<>();
        String[] fillers = {"on Monday", "again", "in the capital", "last week", "at the summit", "today"};
        for (int i = 0; i < 240; i++) {
            String filler = fillers[i % fillers.length] + " " + i;
            int gold = i % 3 - 1;
            String verb = gold < 0 ? "zorbled" : gold > 0 ? "quintaved" : "visited";
            lines.add("{\"id\": \"s" + i + "\", \"lang\": \"en\", \"text\": \"Russia " + verb + " the region " + filler
                    + ".\", \"stance\": {\"russia\": " + gold + "}}");
        }
        return Fixtures.write(dir, "gold.jsonl", String.join("\n", lines) + "\n");
    }

    @Test
    void trainThenEvaluate_learnsCuesTheLexiconLacks() throws Exception {
        Path gold = labelledFile();
        StanceConfig config = new StanceConfig();
        config.setScorer(StanceConfig.RULES);
        config.setTrainMinDf(2);
        StanceTools tools = new StanceTools(SparkTestSession.get(), config);

        StanceMetrics.Scores rules = tools.evaluate(List.of(gold), "all", Set.of(), null).get(0);
        assertTrue(rules.fAvg() < 0.2, "the rules cannot know these words: " + rules.fAvg());

        String modelDir = dir.resolve("models/stance").toString();
        tools.train(List.of(gold), Set.of(), modelDir);
        assertTrue(Files.isDirectory(Path.of(modelDir, "stages")));
        StanceMetrics.Scores trained = tools.evaluate(List.of(gold), "test", Set.of(), modelDir).get(0);
        assertTrue(trained.fAvg() > 0.9, "held-out F_avg of the trained model: " + trained.fAvg());
        assertEquals(1.0, trained.mentionsFound(), 1e-9);
    }

    @Test
    void trainHeadThenEvaluate_encoderHeadLearnsWordsNoLexiconHas() throws Exception {
        Path gold = labelledFile();
        StanceConfig config = new StanceConfig();
        config.getEncoder().setTuneLayers(0);
        StanceTools tools = new StanceTools(SparkTestSession.get(), config);

        String headPath = dir.resolve("models/stance-head.json").toString();
        StanceHead head = tools.trainHead(List.of(gold), Set.of(), headPath, message -> { });
        assertNull(head.getAdapter(), "tune_layers 0: the encoder as published");
        assertTrue(Files.isRegularFile(Path.of(headPath)));
        assertTrue(head.getShared() != null && head.getShared().getTemperature() > 0,
                "a shared classifier with its temperature");
        assertEquals(config.getEncoder().getTapLayer(), head.getTapLayer());

        StanceMetrics.Scores trained = tools.evaluate(List.of(gold), "test", Set.of(), headPath).get(0);
        assertTrue(trained.fAvg() > 0.8, "held-out F_avg of the trained head: " + trained.fAvg());
        StanceHead reread = StanceHead.load(headPath, new Configuration());
        assertEquals(head.getShared().getIntercepts()[2], reread.getShared().getIntercepts()[2], 0.0);
    }

    @Test
    void trainHeadWithTuning_adapterTravelsInTheHead() throws Exception {
        Path gold = labelledFile();
        StanceConfig config = new StanceConfig();
        config.getEncoder().setTuneLayers(2);
        config.getEncoder().setTuneEpochs(2);
        StanceTools tools = new StanceTools(SparkTestSession.get(), config);
        List<String> log = new ArrayList<>();

        String headPath = dir.resolve("models/tuned-head.json").toString();
        StanceHead head = tools.trainHead(List.of(gold), Set.of(), headPath, log::add);
        assertNotNull(head.getAdapter(), "the tuned blocks are part of the head");
        assertTrue(log.stream().anyMatch(l -> l.contains("epoch 2")), "each epoch is reported: " + log);
        @SuppressWarnings("unchecked")
        Map<String, Object> tuning = (Map<String, Object>) head.getProvenance().get("encoder_tuning");
        assertEquals(2, ((List<?>) tuning.get("dev_macro_f1_by_epoch")).size());

        StanceHead reread = StanceHead.load(headPath, new Configuration());
        assertEquals(head.getAdapter(), reread.getAdapter());
        StanceMetrics.Scores trained = tools.evaluate(List.of(gold), "test", Set.of(), headPath).get(0);
        assertTrue(trained.fAvg() > 0.8, "held-out F_avg of the tuned head: " + trained.fAvg());
    }
}
