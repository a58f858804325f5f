package io.narrative.narratives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narrative.encoder.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The calibration on vectors made to order: two narratives along two axes, background elsewhere. */
class NarrativeSpaceTest {
    private static final int DIM = 16;

    private static float[] near(int axis, Random random, double noise) {
        float[] v = new float[DIM];
        for (int i = 0; i < DIM; i++) {
            v[i] = (float) (random.nextGaussian() * noise);
        }
        if (axis >= 0) {
            v[axis] += 1;
        }
        return Vectors.normalize(v);
    }

    /** Narrative 0 along axis 0, narrative 1 along axis 1, narrative 2 a child of 0 along axis 0 and 2. */
    private static NarrativeSpace space() {
        Random random = new Random(7);
        List<float[]> sentences = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            for (int i = 0; i < 6; i++) {
                sentences.add(near(k, random, 0.3));
                owners.add(k);
            }
        }
        for (int i = 0; i < 4; i++) {
            float[] v = near(0, random, 0.3);
            v[2] += 1;
            sentences.add(Vectors.normalize(v));
            owners.add(2);
        }
        for (int i = 0; i < 20; i++) {
            sentences.add(near(3 + i % 10, random, 0.3));
            owners.add(-1);
        }
        float[] child = new float[DIM];
        child[0] = 1;
        child[2] = 1;
        float[][] descriptions = {near(0, random, 0), near(1, random, 0), Vectors.normalize(child)};
        String[] langs = new String[sentences.size()];
        java.util.Arrays.fill(langs, "en");
        return NarrativeSpace.calibrated(new String[] {"zero", "one", "zero_child"}, new int[] {-1, -1, 0},
                descriptions, sentences.toArray(new float[0][]), owners.stream().mapToInt(Integer::intValue).toArray(),
                langs);
    }

    @Test
    void aSentenceAlongOneNarrative_scoresHighForItAndLowForTheOther() {
        NarrativeSpace space = space();
        float[] x = near(1, new Random(1), 0.2);
        double[] p = space.scores(x);
        assertTrue(p[1] > 0.5, "own narrative " + p[1]);
        assertTrue(p[0] < 0.5 && p[2] < 0.5, "others " + p[0] + ", " + p[2]);
    }

    @Test
    void aBackgroundSentence_carriesNoNarrative() {
        double[] p = space().scores(near(9, new Random(2), 0.2));
        for (double v : p) {
            assertTrue(v < 0.5, "score " + v);
        }
    }

    @Test
    void aParent_scoresAtLeastItsChild() {
        NarrativeSpace space = space();
        float[] v = near(2, new Random(3), 0.1);
        v[0] += 1;
        double[] p = space.scores(Vectors.normalize(v));
        assertTrue(p[2] > 0.5, "child " + p[2]);
        assertTrue(p[0] >= p[2]);
    }

    @Test
    void leaveOneOut_findsHeldOutExamplesOfSeparatedNarratives() {
        String report = LeaveOneOut.report(space(), 0.5);
        java.util.regex.Matcher first = java.util.regex.Pattern.compile("ranked first: (\\d+) of 16").matcher(report);
        assertTrue(first.find(), report);
        // a parent's example may rank its sub-narrative first (they share an axis); nothing else may
        assertTrue(Integer.parseInt(first.group(1)) >= 14, report);
        assertTrue(report.contains("leave-one-out over 16 examples and 20 background sentences"), report);
    }

    @Test
    void scoresOfANarrative_riseWithSimilarity() {
        NarrativeSpace space = space();
        double previous = -1;
        for (double w = 0; w <= 1.0; w += 0.25) {
            float[] v = near(5, new Random(4), 0);
            v[1] += (float) (w * 3);
            double p = space.scores(Vectors.normalize(v))[1];
            assertTrue(p >= previous, "monotone in similarity: " + p + " after " + previous);
            previous = p;
        }
        assertEquals(3, space.size());
    }
}
