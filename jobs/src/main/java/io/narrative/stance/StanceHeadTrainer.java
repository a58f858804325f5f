package io.narrative.stance;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.narrative.core.NarrativeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.functions;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Fits the {@link StanceHead} with MLlib: multinomial logistic regressions over the encoder features and
 * the rule features. Every choice is made on the dev rows, never on held-out data:
 * <ul>
 *   <li>the shared classifier: all training rows, for each L2 strength of the grid; the best dev macro-F1
 *       wins;</li>
 *   <li>a classifier of its own for each language with at least {@link #MIN_DEV_ITEMS} dev rows: its own
 *       rows at full weight, the other languages' at {@code otherLanguageWeight}; kept only when it beats
 *       the shared classifier on that language's dev rows;</li>
 *   <li>class weights: the balancing weights (n / (3 n_class), within each language group) raised to
 *       {@code classWeightPower}, 0.5 by default, between no balancing (0) and full balancing (1);</li>
 *   <li>each classifier's temperature: least log-loss on the dev rows it serves, so that its
 *       probabilities are calibrated.</li>
 * </ul>
 * Deterministic for a fixed input and partitioning (L-BFGS from zero, no sampling).
 */
public final class StanceHeadTrainer {
    /** Input columns: language, encoder features and rule features (array&lt;double&gt;), gold -1/0/1. */
    public static final String LANG = "lang";
    public static final String ENCODED = "encoded";
    public static final String RULES = "features";
    public static final String GOLD = "gold";
    static final int MIN_DEV_ITEMS = 100;
    private static final String VECTOR = "head_features";
    private static final String CLASS = "class_index";
    private static final String WEIGHT = "class_weight";

    private final double[] regParams;
    private final int contextTokens;
    private final int tapLayer;
    private final double classWeightPower;
    private final double otherLanguageWeight;

    public StanceHeadTrainer(double[] regParams, int contextTokens, int tapLayer, double classWeightPower,
            double otherLanguageWeight) {
        this.regParams = regParams.clone();
        this.contextTokens = contextTokens;
        this.tapLayer = tapLayer;
        this.classWeightPower = classWeightPower;
        this.otherLanguageWeight = otherLanguageWeight;
    }

    /** A dev row on the driver: language, features, class index. */
    private record DevRow(String lang, float[] encoded, double[] rules, int label) {
    }

    public StanceHead fit(Dataset<Row> train, Dataset<Row> dev, String encoderName) {
        Dataset<Row> data = prepare(train).persist(StorageLevel.MEMORY_AND_DISK());
        List<DevRow> devRows = devRows(prepare(dev));
        try {
            if (data.isEmpty() || devRows.isEmpty()) {
                throw new NarrativeException("train-stance: the train and dev splits must both hold items");
            }
            int size = ((Vector) data.first().getAs(VECTOR)).size();
            StanceHead head = new StanceHead();
            head.setEncoder(encoderName);
            head.setContextTokens(contextTokens);
            head.setTapLayer(tapLayer);
            head.setEncoderFeatures(size - StanceFeatures.SIZE);
            head.setRuleFeatures(StanceFeatures.SIZE);
            Map<String, Object> report = new LinkedHashMap<>();

            Choice shared = best(withWeights(data, null), devRows, report, "shared");
            shared.classifier.setTemperature(temperature(shared.classifier, devRows));
            head.setShared(shared.classifier);
            for (String lang : new TreeSet<>(devRows.stream().map(DevRow::lang).toList())) {
                List<DevRow> own = devRows.stream().filter(r -> r.lang.equals(lang)).toList();
                if (own.size() < MIN_DEV_ITEMS) {
                    continue;
                }
                double sharedF1 = macroF1(shared.classifier, own);
                Choice mine = best(withWeights(data, lang), own, report, "lang=" + lang);
                report.put("lang=" + lang + " shared dev macro-F1", round(sharedF1));
                if (mine.f1 > sharedF1) {
                    mine.classifier.setTemperature(temperature(mine.classifier, own));
                    head.getLanguages().put(lang, mine.classifier);
                }
            }
            head.getProvenance().put("reg_param", shared.reg);
            head.getProvenance().put("dev_macro_f1", round(shared.f1));
            head.getProvenance().put("class_weight_power", classWeightPower);
            head.getProvenance().put("other_language_weight", otherLanguageWeight);
            head.getProvenance().put("own_classifiers", List.copyOf(head.getLanguages().keySet()));
            head.getProvenance().put("dev_scores", report);
            head.getProvenance().put("temperature_fitted_on", "dev rows of each classifier (least log-loss)");
            return head;
        } finally {
            data.unpersist();
        }
    }

    private record Choice(HeadClassifier classifier, double reg, double f1) {
    }

    /** The L2 strength of the grid whose classifier scores the best macro-F1 on {@code rows}. */
    private Choice best(Dataset<Row> weighted, List<DevRow> rows, Map<String, Object> report, String name) {
        Choice best = null;
        for (double reg : regParams) {
            LogisticRegressionModel model = new LogisticRegression().setFamily("multinomial")
                    .setFeaturesCol(VECTOR).setLabelCol(CLASS).setWeightCol(WEIGHT).setRegParam(reg)
                    .setElasticNetParam(0.0).setMaxIter(300).setTol(1e-7).fit(weighted);
            HeadClassifier classifier = classifier(model);
            double f1 = macroF1(classifier, rows);
            report.put(String.format(Locale.ROOT, "%s reg_param=%s dev macro-F1", name, reg), round(f1));
            if (best == null || f1 > best.f1) {
                best = new Choice(classifier, reg, f1);
            }
        }
        return best;
    }

    private static HeadClassifier classifier(LogisticRegressionModel model) {
        Matrix w = model.coefficientMatrix();
        double[][] coefficients = new double[3][w.numCols()];
        double[] intercepts = new double[3];
        for (int c = 0; c < 3; c++) {
            for (int j = 0; j < w.numCols(); j++) {
                coefficients[c][j] = w.apply(c, j);
            }
            intercepts[c] = model.interceptVector().apply(c);
        }
        return new HeadClassifier(coefficients, intercepts);
    }

    private static double macroF1(HeadClassifier classifier, List<DevRow> rows) {
        int[][] confusion = new int[3][3];
        for (DevRow r : rows) {
            confusion[r.label][HeadClassifier.argmax(classifier.probabilities(r.encoded, r.rules))]++;
        }
        return HeadClassifier.macroF1(confusion);
    }

    /** The temperature in [0.25, 4] (a log-spaced grid) with the least log-loss on {@code rows}. */
    private static double temperature(HeadClassifier classifier, List<DevRow> rows) {
        double best = 1.0;
        double bestLoss = Double.MAX_VALUE;
        for (int i = -40; i <= 40; i++) {
            double t = Math.pow(2, i / 20.0);
            classifier.setTemperature(t);
            double loss = 0;
            for (DevRow r : rows) {
                loss -= Math.log(Math.max(1e-12, classifier.probabilities(r.encoded, r.rules)[r.label]));
            }
            if (loss < bestLoss) {
                bestLoss = loss;
                best = t;
            }
        }
        classifier.setTemperature(best);
        return best;
    }

    private static List<DevRow> devRows(Dataset<Row> dev) {
        List<DevRow> rows = new ArrayList<>();
        for (Row r : dev.select(LANG, VECTOR, CLASS).collectAsList()) {
            double[] x = ((Vector) r.get(1)).toArray();
            float[] encoded = new float[x.length - StanceFeatures.SIZE];
            for (int i = 0; i < encoded.length; i++) {
                encoded[i] = (float) x[i];
            }
            rows.add(new DevRow(r.getString(0), encoded, java.util.Arrays.copyOfRange(x, encoded.length, x.length),
                    (int) r.getDouble(2)));
        }
        return rows;
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    private static Dataset<Row> prepare(Dataset<Row> rows) {
        return rows.withColumn(VECTOR, functions.array_to_vector(concat(col(ENCODED), col(RULES))))
                .withColumn(CLASS, col(GOLD).plus(1).cast("double"));
    }

    /**
     * Class weights balanced within each group (all rows for {@code lang} null; else the language's rows
     * and the other rows, the latter further scaled by the other-language weight), raised to the power.
     */
    private Dataset<Row> withWeights(Dataset<Row> data, String lang) {
        Column group = lang == null ? lit(true) : col(LANG).equalTo(lang);
        Dataset<Row> grouped = data.withColumn("own_group", group);
        List<Row> counts = grouped.groupBy("own_group", CLASS).agg(count(lit(1)).as("n")).collectAsList();
        Map<Boolean, Long> totals = new LinkedHashMap<>();
        Map<Boolean, Integer> classes = new LinkedHashMap<>();
        for (Row r : counts) {
            totals.merge(r.getBoolean(0), r.getLong(2), Long::sum);
            classes.merge(r.getBoolean(0), 1, Integer::sum);
        }
        if (classes.getOrDefault(true, 0) < 2) {
            throw new NarrativeException("train-stance: the training data" + (lang == null ? "" : " in " + lang)
                    + " has fewer than two of the labels -1, 0, 1");
        }
        Column weight = lit(0.0);
        for (Row r : counts) {
            boolean own = r.getBoolean(0);
            double balance = totals.get(own) / (classes.get(own) * (double) r.getLong(2));
            double w = Math.pow(balance, classWeightPower) * (own ? 1.0 : otherLanguageWeight);
            weight = when(col("own_group").equalTo(own).and(col(CLASS).equalTo(r.getDouble(1))), w)
                    .otherwise(weight);
        }
        return grouped.withColumn(WEIGHT, weight);
    }
}
