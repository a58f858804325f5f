package io.narrative.stance.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class StanceMetricsTest {
    private static ScoredItem item(int gold, String label, String target, int found) {
        ScoredItem item = new ScoredItem();
        item.setGold(gold);
        item.setLabel(label);
        item.setGoldTarget(target);
        item.setMentionFound(found);
        item.setLang("en");
        return item;
    }

    @Test
    void scores_handCountedConfusion_givesPrecisionRecallF1() {
        // favor: 2 predicted, 1 right, 2 gold; against: 1 predicted, 1 right, 1 gold; neutral: 1 predicted, 0 right.
        List<ScoredItem> items = List.of(item(1, "favor", "russia", 1), item(0, "favor", "russia", 0),
                item(-1, "against", "other", 0), item(1, "neutral", "other", 0));
        StanceMetrics.Scores all = StanceMetrics.compute(items).get(0);
        assertEquals(0.5, all.of("favor")[0], 1e-9);
        assertEquals(0.5, all.of("favor")[1], 1e-9);
        assertEquals(1.0, all.of("against")[2], 1e-9);
        assertEquals((0.5 + 1.0) / 2, all.fAvg(), 1e-9);
        assertEquals((0.5 + 1.0 + 0.0) / 3, all.macroF1(), 1e-9);
        assertEquals(0.5, all.accuracy(), 1e-9);
        assertEquals(0.5, all.mentionsFound(), 1e-9);
        StanceMetrics.Scores russia = StanceMetrics.compute(items).get(1);
        assertEquals("russia", russia.group());
        assertEquals(2, russia.n());
    }

    private static ScoredItem withProbabilities(int gold, double pa, double pn, double pf) {
        String label = pa >= pn && pa >= pf ? "against" : pf > pn ? "favor" : "neutral";
        ScoredItem item = item(gold, label, "russia", 1);
        item.setPAgainst(pa);
        item.setPNeutral(pn);
        item.setPFavor(pf);
        return item;
    }

    @Test
    void calibrationError_handCountedBins_andNaNWithoutProbabilities() {
        // bin 0.9: confidences 0.95 and 0.95, one right -> |1 - 1.9| / 3; bin 0.6: 0.6, right -> |1 - 0.6| / 3
        List<ScoredItem> items = List.of(withProbabilities(1, 0.02, 0.03, 0.95),
                withProbabilities(0, 0.02, 0.03, 0.95), withProbabilities(-1, 0.6, 0.3, 0.1));
        assertEquals((0.9 + 0.4) / 3, StanceMetrics.compute(items).get(0).calibrationError(), 1e-9);
        assertEquals(Double.NaN, StanceMetrics.compute(List.of(item(1, "favor", "russia", 1))).get(0)
                .calibrationError());
    }
}
