package io.narrative.pipeline;

import io.narrative.core.Progress;
import io.narrative.core.Tables;
import io.narrative.core.config.PipelineConfig;
import io.narrative.stance.eval.StanceMetrics;
import io.narrative.stance.eval.StanceTools;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/** The commands around the stance stage that are not pipeline stages: eval-stance and train-stance. */
public final class StanceCommands {
    public static final Set<String> NAMES = Set.of("eval-stance", "train-stance");

    private StanceCommands() {
    }

    public static boolean handles(String command) {
        return NAMES.contains(command);
    }

    /** Runs the command; eval-stance prints its table on standard output and returns it. */
    public static String run(SparkSession spark, CliArgs cli, PipelineConfig config, Progress progress) {
        StanceTools tools = new StanceTools(spark, config.getStance());
        List<Path> files = cli.getLabelled().stream().map(Path::of).toList();
        Set<String> types = Set.copyOf(cli.getEntityTypes());
        if (cli.getCommand().equals("train-stance") && config.getStance().usesEncoder()) {
            String out = cli.getOutput().replaceAll("/+$", "") + "/" + Tables.STANCE_HEAD;
            tools.trainHead(files, types, out);
            progress.info("stance head saved to " + out + "; use it with --set stance.encoder.head=" + out);
            List<StanceMetrics.Scores> dev = tools.evaluate(files, "dev", types, out);
            String table = "dev split, trained head:\n" + StanceMetrics.format(dev);
            System.out.print(table);
            return table;
        }
        if (cli.getCommand().equals("train-stance")) {
            String out = cli.getOutput().replaceAll("/+$", "") + "/" + Tables.STANCE_MODEL;
            tools.train(files, types, out);
            progress.info("stance model saved to " + out + "; use it with --set stance.model=" + out);
            List<StanceMetrics.Scores> dev = tools.evaluate(files, "dev", types, out);
            String table = "dev split, trained model:\n" + StanceMetrics.format(dev);
            System.out.print(table);
            return table;
        }
        String model = cli.getModel() != null ? cli.getModel() : config.getStance().getModel();
        List<StanceMetrics.Scores> scores = tools.evaluate(files, cli.getSplit(), types, model);
        String scorer = config.getStance().usesEncoder()
                ? "encoder, head " + (model.isBlank() ? "built in" : model)
                : model.isBlank() ? "rules" : "rules, model " + model;
        String table = "split " + cli.getSplit() + ", " + scorer + ":\n"
                + StanceMetrics.format(scores);
        System.out.print(table);
        return table;
    }
}
