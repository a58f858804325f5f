package io.narrative.bench;

import io.narrative.core.config.StanceConfig;
import io.narrative.pipeline.SparkSessions;
import io.narrative.stance.StanceTuner;
import io.narrative.stance.eval.StanceTools;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/**
 * The encoder fine-tuning of train-stance alone, printing each epoch's dev macro-F1 and time: for choosing
 * the tuning settings on the dev split without fitting the MLlib head each time. Not a test.
 *
 * <p>Usage: {@code StanceTuneBenchmark LABELLED_FILE ...} with the model in -Dnarrative.encoder.model and
 * settings as -Dtune.layers, -Dtune.rank, -Dtune.alpha, -Dtune.epochs, -Dtune.lr, -Dtune.head_lr,
 * -Dtune.batch (defaults: the config's).
 */
public final class StanceTuneBenchmark {
    private StanceTuneBenchmark() {
    }

    public static void main(String[] args) {
        StanceConfig config = new StanceConfig();
        var e = config.getEncoder();
        e.setTuneLayers(Integer.getInteger("tune.layers", e.getTuneLayers()));
        e.setTuneRank(Integer.getInteger("tune.rank", e.getTuneRank()));
        e.setTuneAlpha(Double.parseDouble(System.getProperty("tune.alpha", "" + e.getTuneAlpha())));
        e.setTuneEpochs(Integer.getInteger("tune.epochs", e.getTuneEpochs()));
        e.setTuneLearningRate(Double.parseDouble(System.getProperty("tune.lr", "" + e.getTuneLearningRate())));
        e.setTuneHeadLearningRate(Double.parseDouble(System.getProperty("tune.head_lr",
                "" + e.getTuneHeadLearningRate())));
        e.setTuneBatchItems(Integer.getInteger("tune.batch", e.getTuneBatchItems()));
        e.setTuneWeightDecay(Double.parseDouble(System.getProperty("tune.wd", "" + e.getTuneWeightDecay())));
        SparkSession spark = SparkSessions.create("WARN");
        try {
            long t0 = System.nanoTime();
            List<Path> files = Arrays.stream(args).map(Path::of).toList();
            StanceTuner.Result result = new StanceTools(spark, config).tune(files, Set.of(), System.out::println);
            System.out.printf("best epoch %d, dev macro-F1 %.4f, by epoch %s, %.0f s in all%n", result.bestEpoch(),
                    result.devMacroF1(), result.devByEpoch(), (System.nanoTime() - t0) / 1e9);
        } finally {
            spark.stop();
        }
    }
}
