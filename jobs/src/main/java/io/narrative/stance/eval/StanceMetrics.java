package io.narrative.stance.eval;

import io.narrative.stance.StanceLabels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Precision, recall and F1 for favor and against, their mean F_avg (the SemEval-2016 Task 6 measure),
 * three-class macro-F1 and accuracy, and the share of gold targets found as mentions; overall and per target.
 */
public final class StanceMetrics {
    /** The scores of one group of items. */
    public record Scores(String group, int n, Map<String, double[]> perLabel, double fAvg, double macroF1,
            double accuracy, int targetsInFile, double mentionsFound, double calibrationError) {
        /** precision, recall, F1, support for {@code label}. */
        public double[] of(String label) {
            return perLabel.get(label);
        }
    }

    private StanceMetrics() {
    }

    /**
     * Groups: "all", one per language when there are several ("lang=ru"), then one per gold target of the
     * targets file ("other" is in "all" only).
     */
    public static List<Scores> compute(List<ScoredItem> items) {
        List<Scores> out = new ArrayList<>();
        out.add(scores("all", items));
        Map<String, List<ScoredItem>> byLang = new TreeMap<>();
        items.forEach(item -> byLang.computeIfAbsent("lang=" + item.getLang(), k -> new ArrayList<>()).add(item));
        if (byLang.size() > 1) {
            byLang.forEach((lang, group) -> out.add(scores(lang, group)));
        }
        Map<String, List<ScoredItem>> byTarget = new TreeMap<>();
        for (ScoredItem item : items) {
            if (!GoldScorer.OTHER.equals(item.getGoldTarget())) {
                byTarget.computeIfAbsent(item.getGoldTarget(), k -> new ArrayList<>()).add(item);
            }
        }
        byTarget.forEach((target, group) -> out.add(scores(target, group)));
        return out;
    }

    static Scores scores(String group, List<ScoredItem> items) {
        Map<String, double[]> perLabel = new LinkedHashMap<>();
        int correct = 0;
        for (String label : List.of(StanceLabels.FAVOR, StanceLabels.AGAINST, StanceLabels.NEUTRAL)) {
            int polarity = StanceLabels.polarity(label);
            int tp = 0;
            int predicted = 0;
            int actual = 0;
            for (ScoredItem item : items) {
                boolean p = item.getLabel().equals(label);
                boolean g = item.getGold() == polarity;
                tp += p && g ? 1 : 0;
                predicted += p ? 1 : 0;
                actual += g ? 1 : 0;
            }
            correct += tp;
            double precision = predicted == 0 ? 0.0 : tp / (double) predicted;
            double recall = actual == 0 ? 0.0 : tp / (double) actual;
            double f1 = precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
            perLabel.put(label, new double[] {precision, recall, f1, actual});
        }
        double fAvg = (perLabel.get(StanceLabels.FAVOR)[2] + perLabel.get(StanceLabels.AGAINST)[2]) / 2;
        double macro = (perLabel.get(StanceLabels.FAVOR)[2] + perLabel.get(StanceLabels.AGAINST)[2]
                + perLabel.get(StanceLabels.NEUTRAL)[2]) / 3;
        int inFile = 0;
        int found = 0;
        for (ScoredItem item : items) {
            if (!GoldScorer.OTHER.equals(item.getGoldTarget())) {
                inFile++;
                found += item.getMentionFound();
            }
        }
        return new Scores(group, items.size(), perLabel, fAvg, macro,
                items.isEmpty() ? 0.0 : correct / (double) items.size(), inFile,
                inFile == 0 ? Double.NaN : found / (double) inFile, calibrationError(items));
    }

    /**
     * Expected calibration error of the label's probability (10 equal-width bins: the mean of |accuracy -
     * mean probability| weighted by the bin's share of items); NaN when the items carry no probabilities
     * (the rules). 0 for a perfectly calibrated scorer.
     */
    static double calibrationError(List<ScoredItem> items) {
        double[] confidence = new double[10];
        double[] correct = new double[10];
        int[] count = new int[10];
        int n = 0;
        for (ScoredItem item : items) {
            if (item.getPFavor() == null) {
                continue;
            }
            double p = switch (item.getLabel()) {
                case StanceLabels.FAVOR -> item.getPFavor();
                case StanceLabels.AGAINST -> item.getPAgainst();
                default -> item.getPNeutral();
            };
            int bin = Math.min(9, (int) (p * 10));
            confidence[bin] += p;
            correct[bin] += StanceLabels.polarity(item.getLabel()) == item.getGold() ? 1 : 0;
            count[bin]++;
            n++;
        }
        if (n == 0) {
            return Double.NaN;
        }
        double ece = 0;
        for (int b = 0; b < 10; b++) {
            if (count[b] > 0) {
                ece += Math.abs(correct[b] - confidence[b]) / n;
            }
        }
        return ece;
    }

    /** A plain-text table, one block per group. */
    public static String format(List<Scores> all) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-16s %-8s %9s %9s %9s %8s%n", "target", "label", "precision",
                "recall", "f1", "support"));
        for (Scores s : all) {
            for (Map.Entry<String, double[]> e : s.perLabel().entrySet()) {
                double[] v = e.getValue();
                out.append(String.format(Locale.ROOT, "%-16s %-8s %9.3f %9.3f %9.3f %8d%n", s.group(), e.getKey(),
                        v[0], v[1], v[2], (int) v[3]));
            }
            out.append(String.format(Locale.ROOT,
                    "%-16s n=%d  F_avg(favor,against)=%.3f  macro-F1(3 classes)=%.3f  accuracy=%.3f",
                    s.group(), s.n(), s.fAvg(), s.macroF1(), s.accuracy()));
            if (!Double.isNaN(s.calibrationError())) {
                out.append(String.format(Locale.ROOT, "  calibration error (ECE)=%.3f", s.calibrationError()));
            }
            if (s.targetsInFile() > 0) {
                out.append(String.format(Locale.ROOT, "  gold targets of the targets file found as mentions=%.3f"
                        + " (%d)", s.mentionsFound(), s.targetsInFile()));
            }
            out.append(String.format("%n"));
        }
        return out.toString();
    }
}
