package io.narrative.stance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narrative.core.NarrativeException;
import io.narrative.encoder.SharedModels;
import io.narrative.encoder.SpanEncoder;
import io.narrative.testing.Fixtures;
import io.narrative.testing.TestModels;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StanceHeadTest {
    @Test
    void builtInHead_fitsTheEncoderItWasTrainedOn() {
        StanceHead head = StanceHead.load("", new Configuration());
        int encoderDim = SharedModels.get(TestModels.encoderModel(), new Configuration()).dim();
        int layers = head.getTapLayer() > 0 ? 2 : 1;
        assertEquals(layers * SpanEncoder.PARTS * encoderDim, head.getEncoderFeatures());
        assertEquals(StanceFeatures.SIZE, head.getRuleFeatures());
        double[] p = head.probabilities("ar", new float[head.getEncoderFeatures()], new double[StanceFeatures.SIZE]);
        assertEquals(1.0, p[0] + p[1] + p[2], 1e-12);
        assertTrue(head.getShared().getTemperature() > 0);
    }

    @Test
    void aHeadOfTheWrongShape_failsNamingTheKeyAndTheFile(@TempDir Path dir) throws Exception {
        Path bad = Fixtures.write(dir, "head.json", "{\"format\": \"narrative-stance-head/1\", \"encoderFeatures\": 3,"
                + " \"ruleFeatures\": 14, \"shared\": {\"coefficients\": [[1, 2]], \"intercepts\": [0, 0, 0]}}");
        NarrativeException e = assertThrows(NarrativeException.class,
                () -> StanceHead.load(bad.toString(), new Configuration()));
        assertTrue(e.getMessage().contains(StanceHead.KEY) && e.getMessage().contains(bad.toString()), e.getMessage());
        Path notJson = Fixtures.write(dir, "notes.txt", "hello");
        NarrativeException e2 = assertThrows(NarrativeException.class,
                () -> StanceHead.load(notJson.toString(), new Configuration()));
        assertTrue(e2.getMessage().contains("train-stance writes one"), e2.getMessage());
    }
}
