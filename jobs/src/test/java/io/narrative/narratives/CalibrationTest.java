package io.narrative.narratives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalibrationTest {
    @Test
    void overlappingClasses_giveARisingCurveThroughTheirBoundary() {
        List<Calibration.Pair> pairs = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            pairs.add(new Calibration.Pair(-1 + i / 50.0, false)); // -1 .. 1
            pairs.add(new Calibration.Pair(i / 50.0, true)); // 0 .. 2
        }
        double[] curve = Calibration.fit(pairs);
        assertTrue(curve[0] > 0, "slope " + curve[0]);
        double boundary = -curve[1] / curve[0];
        assertEquals(0.5, boundary, 0.1, "p = 0.5 where the classes overlap most");
    }

    @Test
    void oneClassOnly_givesAFlatCurveAtItsPrior() {
        double[] curve = Calibration.fit(List.of(new Calibration.Pair(1, false), new Calibration.Pair(2, false)));
        assertEquals(0.0, curve[0]);
        assertTrue(curve[1] < 0);
    }
}
