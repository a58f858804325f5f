package io.narrative.narratives;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Multi-label scores of narrative decisions against gold sets, as the SemEval-2025 Task 10 narrative
 * subtask reports them: per narrative precision, recall and F1; micro-F1 over all narratives; and
 * samples-F1, the mean over items of each item's F1, an empty set counting as the one label "other" (so
 * that saying nothing about a text that carries nothing is right, and saying nothing about one that does is
 * wrong).
 */
public final class NarrativeMetrics {
    /** One narrative's counts. */
    public record Row(String id, int truePositives, int falsePositives, int falseNegatives) {
        public double precision() {
            return ratio(truePositives, truePositives + falsePositives);
        }

        public double recall() {
            return ratio(truePositives, truePositives + falseNegatives);
        }

        public double f1() {
            return NarrativeMetrics.f1(precision(), recall());
        }
    }

    public record Result(List<Row> rows, double microF1, double samplesF1, int items) {
    }

    private NarrativeMetrics() {
    }

    /** Scores {@code predicted.get(i)} against {@code gold.get(i)} for every item i, over narratives {@code ids}. */
    public static Result score(List<String> ids, List<Set<String>> gold, List<Set<String>> predicted) {
        List<Row> rows = new ArrayList<>();
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (String id : ids) {
            int a = 0;
            int b = 0;
            int c = 0;
            for (int i = 0; i < gold.size(); i++) {
                boolean g = gold.get(i).contains(id);
                boolean p = predicted.get(i).contains(id);
                a += g && p ? 1 : 0;
                b += !g && p ? 1 : 0;
                c += g && !p ? 1 : 0;
            }
            rows.add(new Row(id, a, b, c));
            tp += a;
            fp += b;
            fn += c;
        }
        double samples = 0;
        for (int i = 0; i < gold.size(); i++) {
            samples += sampleF1(gold.get(i), predicted.get(i));
        }
        return new Result(rows, f1(ratio(tp, tp + fp), ratio(tp, tp + fn)),
                gold.isEmpty() ? 0 : samples / gold.size(), gold.size());
    }

    static double sampleF1(Set<String> gold, Set<String> predicted) {
        if (gold.isEmpty() || predicted.isEmpty()) {
            return gold.isEmpty() && predicted.isEmpty() ? 1 : 0;
        }
        long common = predicted.stream().filter(gold::contains).count();
        return f1(ratio(common, predicted.size()), ratio(common, gold.size()));
    }

    /** The table eval-narratives prints. */
    public static String format(Result result) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-36s %9s %9s %9s %5s %5s %5s%n",
                "narrative", "precision", "recall", "f1", "tp", "fp", "fn"));
        for (Row r : result.rows()) {
            out.append(String.format(Locale.ROOT, "%-36s %9.3f %9.3f %9.3f %5d %5d %5d%n", r.id(), r.precision(),
                    r.recall(), r.f1(), r.truePositives(), r.falsePositives(), r.falseNegatives()));
        }
        out.append(String.format(Locale.ROOT, "micro-F1 %.3f   samples-F1 %.3f   items %d%n", result.microF1(),
                result.samplesF1(), result.items()));
        return out.toString();
    }

    private static double ratio(double a, double b) {
        return b == 0 ? 0 : a / b;
    }

    private static double f1(double p, double r) {
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
}
