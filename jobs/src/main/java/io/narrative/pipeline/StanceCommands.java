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
        if (cli.getCommand().equals("train-stance")) {
            boolean head = config.getStance().usesEncoder();
            String out = cli.getOutput().replaceAll("/+$", "") + "/" + (head ? Tables.STANCE_HEAD : Tables.STANCE_MODEL);
            if (head) {
                tools.trainHead(files, types, out, progress::info);
            } else {
                tools.train(files, types, out);
            }
            String what = head ? "head" : "model";
            progress.info("stance " + what + " saved to " + out + "; use it with --set "
                    + (head ? "stance.encoder.head=" : "stance.model=") + out);
            String table = "dev split, trained " + what + ":\n"
                    + StanceMetrics.format(tools.evaluate(files, "dev", types, out));
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
