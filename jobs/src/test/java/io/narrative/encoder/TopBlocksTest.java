package io.narrative.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narrative.testing.TestModels;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

class TopBlocksTest {
    private static E5Model model() {
        return SharedModels.get(TestModels.encoderModel(), new Configuration());
    }

    private static List<int[]> sequences(E5Model model) {
        return List.of(model.tokenizePassage("Russia praised the ceasefire.").ids(),
                model.tokenizePassage("Турция осудила удар по Сирии, а США промолчали.").ids());
    }

    /** An adapter whose B is not zero, so that every one of its weights moves the output. */
    private static Adapter trainedLooking(E5Model model, int layers) {
        Adapter adapter = Adapter.initial(model, layers, 4, 8f, 7);
        Random random = new Random(11);
        for (float[] b : adapter.up) {
            for (int i = 0; i < b.length; i++) {
                b[i] = (float) random.nextGaussian() * 0.05f;
            }
        }
        return adapter;
    }

    private static double loss(float[] output, float[] weights) {
        double sum = 0;
        for (int i = 0; i < output.length; i++) {
            sum += (double) output[i] * weights[i];
        }
        return sum;
    }

    @Test
    void backward_matchesFiniteDifferencesOfTheExactForwardPass() {
        E5Model model = model();
        Adapter adapter = trainedLooking(model, 2);
        List<int[]> sequences = sequences(model);
        HiddenStates entering = model.statesEntering(sequences, model.layers() - 2, 0);
        TopBlocks blocks = new TopBlocks(model, model.layers() - 2, false);
        float[] weights = new float[entering.values().length];
        Random random = new Random(3);
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) random.nextGaussian();
        }
        TopBlocks.Pass pass = blocks.forward(entering.values(), entering.starts(), adapter);
        Adapter gradient = adapter.zerosLike();
        blocks.backward(pass, weights.clone(), adapter, gradient);

        int checked = 0;
        double worst = 0;
        for (int slot = 0; slot < adapter.down.length; slot++) {
            for (float[][] pair : new float[][][] {{adapter.down[slot], gradient.down[slot]},
                {adapter.up[slot], gradient.up[slot]}}) {
                float[] w = pair[0];
                for (int probe = 0; probe < 3; probe++) {
                    int i = random.nextInt(w.length);
                    float kept = w[i];
                    float step = 0.02f;
                    w[i] = kept + step;
                    double plus = loss(blocks.infer(entering.values(), entering.starts(), adapter), weights);
                    w[i] = kept - step;
                    double minus = loss(blocks.infer(entering.values(), entering.starts(), adapter), weights);
                    w[i] = kept;
                    double numeric = (plus - minus) / (2 * step);
                    double analytic = pair[1][i];
                    double error = Math.abs(numeric - analytic) / Math.max(1.0, Math.abs(numeric));
                    worst = Math.max(worst, error);
                    assertTrue(error < 0.05, "slot " + slot + " weight " + i + ": analytic " + analytic
                            + ", finite differences " + numeric);
                    checked++;
                }
            }
        }
        assertEquals(2 * 4 * 2 * 3, checked);
        assertTrue(worst < 0.05, "worst relative error " + worst);
    }

    @Test
    void aFreshAdapter_changesNothingAndAnAdaptedBlockChangesTheStates() {
        E5Model model = model();
        List<int[]> sequences = sequences(model);
        HiddenStates plain = model.forward(sequences, 8);
        HiddenStates fresh = model.forward(sequences, 8, Adapter.initial(model, 4, 8, 16f, 1));
        assertArrayEquals(plain.values(), fresh.values(), "B starts at zero: the encoder is unchanged");
        HiddenStates adapted = model.forward(sequences, 8, trainedLooking(model, 4));
        assertArrayEquals(plain.tapped(), adapted.tapped(), "block 8 lies below the adapted blocks");
        assertNotEquals(Vectors.cosine(plain.values(), adapted.values()), 1.0);
    }

    @Test
    void theTopBlocksFromCachedStates_computeWhatTheWholeForwardPassComputes() {
        E5Model model = model();
        List<int[]> sequences = sequences(model);
        Adapter adapter = trainedLooking(model, 4);
        HiddenStates whole = model.forward(sequences, 0, adapter);
        HiddenStates entering = model.statesEntering(sequences, 8, 8);
        assertArrayEquals(entering.values(), entering.tapped());
        float[] top = new TopBlocks(model, 8).infer(entering.values(), entering.starts(), adapter);
        assertArrayEquals(whole.values(), top);
        assertArrayEquals(top, new TopBlocks(model, 8).forward(entering.values(), entering.starts(), adapter)
                .output(), "the training pass is the inference pass");
    }

    @Test
    void anAdapter_survivesItsTextFormAndRejectsAForeignOne() {
        E5Model model = model();
        Adapter adapter = trainedLooking(model, 2);
        Adapter back = Adapter.decode(adapter.encode());
        for (int s = 0; s < adapter.down.length; s++) {
            assertArrayEquals(adapter.down[s], back.down[s]);
            assertArrayEquals(adapter.up[s], back.up[s]);
        }
        assertEquals(model.layers() - 2, back.firstLayer());
        assertThrows(IllegalArgumentException.class, () -> Adapter.decode("bm90IGFuIGFkYXB0ZXI="));
        String cut = adapter.encode().substring(0, 4000);
        assertThrows(IllegalArgumentException.class, () -> Adapter.decode(cut));
    }
}
