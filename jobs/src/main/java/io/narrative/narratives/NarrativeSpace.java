package io.narrative.narratives;

import io.narrative.encoder.SentenceEmbedder;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The narratives as points in the encoder's space, and how close a sentence is to each, calibrated.
 *
 * <p>A sentence's raw similarity to a narrative is a weighted mean of its cosine to the description
 * (encoded as a query) and its cosine to the centroid of the narrative's examples (those of its
 * sub-narratives included), the description weighing most ({@link #DESCRIPTION_WEIGHT}).
 * Raw similarities differ in scale from narrative to narrative (a long description, a tight set of
 * examples), so each is standardised against that narrative's negatives: the background sentences and the
 * examples of unrelated narratives (z = (raw - mean) / sd). One logistic curve, fitted on the file's own
 * examples each left out in turn ({@link Calibration}), maps z to a score in [0, 1] that means the same for
 * every narrative. A parent narrative scores at least as high as its sub-narratives.
 */
public final class NarrativeSpace implements Serializable {
    /**
     * The description's share of the raw similarity, the examples' centroid having the rest. Measured by
     * leave-one-out on the default file (rank-1 of the own narrative: description alone 0.78, 0.85 0.78,
     * 0.5 0.72; the nearest example instead of the centroid did worse at every weight: 0.85 0.75, 0.5 0.61):
     * across languages, an example's nearest neighbour is too often a sentence of the same language and
     * topic, while the centroid of examples in several languages keeps what they share.
     */
    static final double DESCRIPTION_WEIGHT = 0.85;

    private final String[] ids;
    private final int[] parents;
    private final float[][] descriptions;
    /** The written sentences: every example, then the background. */
    private final float[][] sentences;
    /** The narrative each sentence is an example of; -1 for background. */
    private final int[] owners;
    private final String[] langs;
    private final double[] mean;
    private final double[] sd;
    private final double slope;
    private final double intercept;
    /** {@link #prototype} of every narrative with nothing left out; null while calibrating. */
    private final float[][] prototypes;

    private NarrativeSpace(String[] ids, int[] parents, float[][] descriptions, float[][] sentences, int[] owners,
            String[] langs, double[] mean, double[] sd, double slope, double intercept) {
        this.ids = ids;
        this.parents = parents;
        this.descriptions = descriptions;
        this.sentences = sentences;
        this.owners = owners;
        this.langs = langs;
        this.mean = mean;
        this.sd = sd;
        this.slope = slope;
        this.intercept = intercept;
        float[][] built = null;
        if (mean != null) {
            built = new float[ids.length][];
            for (int k = 0; k < ids.length; k++) {
                built[k] = prototype(k, -1);
            }
        }
        this.prototypes = built;
    }

    /** Encodes the catalog's descriptions and sentences with {@code embedder} and calibrates. */
    public static NarrativeSpace build(NarrativeCatalog catalog, SentenceEmbedder embedder) {
        List<String> descriptions = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        List<String> langs = new ArrayList<>();
        for (int n = 0; n < catalog.size(); n++) {
            NarrativeSpec spec = catalog.narratives().get(n);
            descriptions.add(spec.getDescription().strip());
            for (ExampleSpec e : spec.getExamples()) {
                texts.add(e.getText());
                owners.add(n);
                langs.add(e.getLang());
            }
        }
        for (ExampleSpec e : catalog.background()) {
            texts.add(e.getText());
            owners.add(-1);
            langs.add(e.getLang());
        }
        String[] ids = catalog.narratives().stream().map(NarrativeSpec::getId).toArray(String[]::new);
        return calibrated(ids, catalog.parents(), embedder.queries(descriptions), embedder.passages(texts),
                owners.stream().mapToInt(Integer::intValue).toArray(), langs.toArray(new String[0]));
    }

    static NarrativeSpace calibrated(String[] ids, int[] parents, float[][] descriptions, float[][] sentences,
            int[] owners, String[] langs) {
        NarrativeSpace uncalibrated = new NarrativeSpace(ids, parents, descriptions, sentences, owners, langs,
                null, null, 1, 0);
        int n = ids.length;
        double[] mean = new double[n];
        double[] sd = new double[n];
        for (int k = 0; k < n; k++) {
            double[] stats = uncalibrated.negativeStats(k, -1);
            mean[k] = stats[0];
            sd[k] = stats[1];
        }
        double[] curve = Calibration.fit(uncalibrated.leaveOneOutZ());
        return new NarrativeSpace(ids, parents, descriptions, sentences, owners, langs, mean, sd, curve[0], curve[1]);
    }

    public int size() {
        return ids.length;
    }

    public String id(int narrative) {
        return ids[narrative];
    }

    public int parent(int narrative) {
        return parents[narrative];
    }

    /** The calibrated score of every narrative for a sentence's unit vector {@code x}. */
    public double[] scores(float[] x) {
        double[] p = new double[ids.length];
        for (int k = 0; k < p.length; k++) {
            p[k] = probability((raw(k, x, -1) - mean[k]) / sd[k]);
        }
        rollUp(p);
        return p;
    }

    double probability(double z) {
        return 1.0 / (1.0 + Math.exp(-(slope * z + intercept)));
    }

    /** A parent narrative scores at least what its sub-narratives do. */
    void rollUp(double[] p) {
        for (int k = 0; k < p.length; k++) {
            if (parents[k] >= 0) {
                p[parents[k]] = Math.max(p[parents[k]], p[k]);
            }
        }
    }

    /** Raw similarity of {@code x} to narrative {@code k}, sentence {@code skip} (-1: none) left out. */
    double raw(int k, float[] x, int skip) {
        return dot(x, prototype(k, skip));
    }

    /** The vector whose dot product with a sentence is its raw similarity to narrative k (skip left out). */
    float[] prototype(int k, int skip) {
        if (skip < 0 && prototypes != null) {
            return prototypes[k];
        }
        float[] centroid = new float[descriptions[k].length];
        int count = 0;
        for (int s = 0; s < sentences.length; s++) {
            if (s != skip && isExampleOf(owners[s], k)) {
                for (int i = 0; i < centroid.length; i++) {
                    centroid[i] += sentences[s][i];
                }
                count++;
            }
        }
        float[] prototype = descriptions[k].clone();
        if (count == 0) {
            return prototype;
        }
        double norm = Math.sqrt(Math.max(1e-12, dot(centroid, centroid)));
        for (int i = 0; i < prototype.length; i++) {
            prototype[i] = (float) (DESCRIPTION_WEIGHT * prototype[i] + (1 - DESCRIPTION_WEIGHT) * centroid[i] / norm);
        }
        return prototype;
    }

    /** Whether a sentence owned by {@code owner} is an example of narrative {@code k}: its own or a child's. */
    boolean isExampleOf(int owner, int k) {
        return owner >= 0 && (owner == k || parents[owner] == k);
    }

    /** Whether a sentence owned by {@code owner} says nothing about {@code k}: background or unrelated. */
    boolean isNegativeFor(int owner, int k) {
        return owner < 0 || (owner != k && parents[owner] != k && parents[k] != owner);
    }

    /**
     * Mean and standard deviation of narrative k's raw similarity over its negatives, sentence {@code skip}
     * left out of both the negatives and the narrative's examples.
     */
    double[] negativeStats(int k, int skip) {
        float[] prototype = prototype(k, skip);
        double sum = 0;
        double sq = 0;
        int count = 0;
        for (int s = 0; s < sentences.length; s++) {
            if (s != skip && isNegativeFor(owners[s], k)) {
                double r = dot(sentences[s], prototype);
                sum += r;
                sq += r * r;
                count++;
            }
        }
        double m = count == 0 ? 0 : sum / count;
        double var = count < 2 ? 0 : (sq - count * m * m) / (count - 1);
        return new double[] {m, Math.sqrt(Math.max(var, 1e-8))};
    }

    /**
     * Every written sentence left out in turn: its z for every narrative, computed without it (neither as an
     * example nor among the negatives), and whether it is an example of that narrative. Related pairs
     * (a parent's example against its child) are left out of the fit.
     */
    List<Calibration.Pair> leaveOneOutZ() {
        List<Calibration.Pair> pairs = new ArrayList<>();
        for (int s = 0; s < sentences.length; s++) {
            for (int k = 0; k < ids.length; k++) {
                boolean positive = isExampleOf(owners[s], k);
                if (!positive && !isNegativeFor(owners[s], k)) {
                    continue;
                }
                pairs.add(new Calibration.Pair(leaveOneOutZ(s, k), positive));
            }
        }
        return pairs;
    }

    /** Sentence s's z for narrative k with s left out of k's examples and negatives. */
    double leaveOneOutZ(int s, int k) {
        double[] stats = negativeStats(k, s);
        return (raw(k, sentences[s], s) - stats[0]) / stats[1];
    }

    /** For the leave-one-out report: the written sentences' owners and languages. */
    int[] owners() {
        return owners.clone();
    }

    String[] langs() {
        return langs.clone();
    }

    int sentenceCount() {
        return sentences.length;
    }

    double slope() {
        return slope;
    }

    double intercept() {
        return intercept;
    }

    private static double dot(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d += a[i] * b[i];
        }
        return d;
    }
}
