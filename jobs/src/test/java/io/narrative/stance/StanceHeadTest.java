package io.narrative.stance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narrative.core.NarrativeException;
import io.narrative.encoder.Adapter;
import io.narrative.encoder.E5Model;
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

    @Test
    void aHeadWithAnAdapter_savesAndLoadsIt_andRefusesOneBelowTheTappedLayer(@TempDir Path dir) {
        E5Model model = SharedModels.get(TestModels.encoderModel(), new Configuration());
        StanceHead head = StanceHead.load("", new Configuration());
        head.attach(Adapter.initial(model, 2, 4, 8f, 1));
        String path = dir.resolve("tuned.json").toString();
        head.save(path, new Configuration());

        StanceHead reread = StanceHead.load(path, new Configuration());
        assertEquals(head.getAdapter(), reread.getAdapter());
        assertEquals(model.layers() - 2, reread.adapterFor(model).firstLayer());

        head.attach(Adapter.initial(model, model.layers() - head.getTapLayer() + 1, 4, 8f, 1));
        NarrativeException e = assertThrows(NarrativeException.class, () -> head.adapterFor(model));
        assertTrue(e.getMessage().contains(StanceHead.KEY) && e.getMessage().contains("tapped layer"), e.getMessage());
    }

    @Test
    void aHeadWithAnUnreadableAdapter_failsAtLoadNamingTheKeyAndTheFile(@TempDir Path dir) throws Exception {
        StanceHead head = StanceHead.load("", new Configuration());
        head.setAdapter("bm90IGFuIGFkYXB0ZXI=");
        String path = dir.resolve("broken.json").toString();
        head.save(path, new Configuration());
        NarrativeException e = assertThrows(NarrativeException.class,
                () -> StanceHead.load(path, new Configuration()));
        assertTrue(e.getMessage().contains(StanceHead.KEY) && e.getMessage().contains(path)
                && e.getMessage().contains("adapter"), e.getMessage());
    }
}
