package io.narrative.narratives;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How well the narratives file finds its own examples: each written sentence (example or background) left
 * out in turn, scored against narratives built and standardised without it, and decided at the run's
 * threshold. The one logistic curve is fitted on all of these pairs (two numbers for every narrative), so
 * the scores are as held out as the file allows. Reports the multi-label table, the share of examples
 * whose own narrative ranks first, and recall per language of the example: a language with no other
 * example of the narrative shows whether the description and the other languages' examples carry over.
 */
public final class LeaveOneOut {
    /** The thresholds the report sweeps, for choosing narratives.threshold on these examples. */
    public static final double[] THRESHOLDS = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6};

    private LeaveOneOut() {
    }

    public static String report(NarrativeSpace space, double threshold) {
        int[] owners = space.owners();
        String[] langs = space.langs();
        List<String> ids = new ArrayList<>();
        for (int k = 0; k < space.size(); k++) {
            ids.add(space.id(k));
        }
        List<Set<String>> gold = new ArrayList<>();
        List<Set<String>> predicted = new ArrayList<>();
        List<double[]> allScores = new ArrayList<>();
        int examples = 0;
        int rankedFirst = 0;
        Map<String, int[]> byLang = new LinkedHashMap<>();
        for (int s = 0; s < space.sentenceCount(); s++) {
            double[] p = new double[space.size()];
            for (int k = 0; k < p.length; k++) {
                p[k] = space.probability(space.leaveOneOutZ(s, k));
            }
            int best = argmax(p);
            space.rollUp(p);
            allScores.add(p);
            Set<String> truth = new HashSet<>();
            if (owners[s] >= 0) {
                truth.add(space.id(owners[s]));
                if (space.parent(owners[s]) >= 0) {
                    truth.add(space.id(space.parent(owners[s])));
                }
                examples++;
                rankedFirst += best == owners[s] ? 1 : 0;
                int[] counts = byLang.computeIfAbsent(langs[s], l -> new int[2]);
                counts[0]++;
                counts[1] += p[owners[s]] >= threshold ? 1 : 0;
            }
            Set<String> decided = new HashSet<>();
            for (int k = 0; k < p.length; k++) {
                if (p[k] >= threshold) {
                    decided.add(space.id(k));
                }
            }
            gold.add(truth);
            predicted.add(decided);
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "leave-one-out over %d examples and %d background sentences, threshold %.2f,"
                        + " calibration p = 1/(1+exp(-(%.3f z %+.3f)))%n",
                examples, space.sentenceCount() - examples, threshold, space.slope(), space.intercept()));
        out.append(NarrativeMetrics.format(NarrativeMetrics.score(ids, gold, predicted)));
        out.append(String.format(Locale.ROOT, "own narrative ranked first: %d of %d (%.3f)%n", rankedFirst, examples,
                examples == 0 ? 0.0 : rankedFirst / (double) examples));
        byLang.forEach((lang, c) -> out.append(String.format(Locale.ROOT, "recall %s: %d of %d (%.3f)%n", lang, c[1],
                c[0], c[1] / (double) c[0])));
        out.append("other thresholds:");
        for (double t : THRESHOLDS) {
            List<Set<String>> at = new ArrayList<>();
            for (double[] p : allScores) {
                Set<String> decided = new HashSet<>();
                for (int k = 0; k < p.length; k++) {
                    if (p[k] >= t) {
                        decided.add(space.id(k));
                    }
                }
                at.add(decided);
            }
            NarrativeMetrics.Result r = NarrativeMetrics.score(ids, gold, at);
            out.append(String.format(Locale.ROOT, "  %.1f: micro-F1 %.3f samples-F1 %.3f;", t, r.microF1(), r.samplesF1()));
        }
        return out.append('\n').toString();
    }

    private static int argmax(double[] p) {
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return best;
    }
}
