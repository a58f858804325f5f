package io.narrative.stance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narrative.encoder.Adapter;
import io.narrative.encoder.E5Model;
import io.narrative.encoder.SharedModels;
import io.narrative.testing.TestModels;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

class StanceTunerTest {
    private static final StanceTuner.Settings SETTINGS =
            new StanceTuner.Settings(1, 4, 8, 2, 1e-3, 5e-3, 0.01, 8, 0.5, 42);

    /** "Russia" praised or condemned in different words; every fifth sentence is a dev item. */
    private static List<StanceTuner.Item> items() {
        String[] good = {"praised", "welcomed", "thanked", "supported"};
        String[] bad = {"condemned", "attacked", "blamed", "threatened"};
        String[] neutral = {"met", "visited", "called", "mentioned"};
        String[] objects = {"the new agreement", "its neighbours", "the committee", "the envoy", "the talks"};
        List<StanceTuner.Item> items = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            int gold = i % 3 - 1;
            String[] verbs = gold < 0 ? bad : gold > 0 ? good : neutral;
            String text = "Russia " + verbs[(i / 3) % 4] + " " + objects[i % objects.length] + " on day " + i + ".";
            items.add(new StanceTuner.Item(text, List.of(new int[] {0, 6}), gold, i % 5 == 0));
        }
        return items;
    }

    @Test
    void tune_sameItemsAndSettings_giveTheSameAdapter_andItHasLearnt() {
        E5Model model = SharedModels.get(TestModels.encoderModel(), new Configuration());
        StanceTuner tuner = new StanceTuner(model, 4, 8, SETTINGS);
        List<String> log = new ArrayList<>();

        StanceTuner.Result first = tuner.tune(items(), log::add);
        StanceTuner.Result second = tuner.tune(items(), message -> { });

        assertEquals(first.adapter().encode(), second.adapter().encode());
        assertEquals(first.devByEpoch(), second.devByEpoch());
        assertEquals(2, first.devByEpoch().size());
        assertEquals(first.devMacroF1(), first.devByEpoch().get(first.bestEpoch() - 1), 0.0);
        assertEquals(model.layers() - 1, first.adapter().firstLayer());
        assertNotEquals(Adapter.initial(model, 1, 4, 8f, 42).encode(), first.adapter().encode(),
                "the adapter moved from its start");
        assertTrue(log.stream().anyMatch(l -> l.contains("dev macro-F1")), log.toString());
    }

    @Test
    void tune_withoutDevItems_failsSayingWhatIsMissing() {
        E5Model model = SharedModels.get(TestModels.encoderModel(), new Configuration());
        List<StanceTuner.Item> trainOnly = items().stream()
                .map(i -> new StanceTuner.Item(i.text(), i.spans(), i.gold(), false)).toList();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new StanceTuner(model, 4, 8, SETTINGS).tune(trainOnly, message -> { }));
        assertTrue(e.getMessage().contains("dev"), e.getMessage());
    }
}
