package io.narrative.narratives;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NarrativeMetricsTest {
    @Test
    void countsPerNarrative_microF1_andSamplesF1WithEmptySetsAsOther() {
        List<Set<String>> gold = List.of(Set.of("a"), Set.of("a", "b"), Set.of(), Set.of());
        List<Set<String>> predicted = List.of(Set.of("a"), Set.of("b"), Set.of(), Set.of("a"));
        NarrativeMetrics.Result r = NarrativeMetrics.score(List.of("a", "b"), gold, predicted);
        NarrativeMetrics.Row a = r.rows().get(0);
        assertEquals(1, a.truePositives());
        assertEquals(1, a.falsePositives());
        assertEquals(1, a.falseNegatives());
        assertEquals(0.5, a.precision(), 1e-12);
        NarrativeMetrics.Row b = r.rows().get(1);
        assertEquals(1.0, b.f1(), 1e-12);
        // micro: tp 2, fp 1, fn 1 -> P = R = 2/3
        assertEquals(2.0 / 3, r.microF1(), 1e-12);
        // samples: 1, F1({a,b},{b}) = 2/3, empty/empty = 1 ("other" right), empty/{a} = 0
        assertEquals((1 + 2.0 / 3 + 1 + 0) / 4, r.samplesF1(), 1e-12);
        assertEquals(4, r.items());
    }
}
