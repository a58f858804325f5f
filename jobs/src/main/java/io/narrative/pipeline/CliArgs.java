package io.narrative.pipeline;

import io.narrative.core.NarrativeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lombok.Getter;

/** The parsed command line: {@code COMMAND [--input P]... --output DIR [--config F] [--set k=v]...}. */
@Getter
public final class CliArgs {
    public static final String USAGE = String.join("\n",
            "usage: narrative COMMAND [options]",
            "commands:",
            "  run       the whole pipeline: --input PATH [--input PATH ...] --output DIR",
            "  ingest    read the inputs into documents and rejects: --input PATH ... --output DIR",
            "  tokenize  sentences and terms from the documents in --output DIR",
            "  topics    topic models per language from the terms in --output DIR",
            "  stance    stance toward the targets (conf/targets.yaml) from the sentences in --output DIR",
            "  narratives  storylines (conf/narratives.yaml) in the sentences in --output DIR, with evidence",
            "  report    narratives, stance over time and by outlet, topics over time, from the tables in --output DIR",
            "  eval-stance   precision/recall/F1 of the stance scorer: --gold FILE [--gold FILE ...]",
            "                [--split all|train|dev|test] [--entity-types COUNTRY,...] [--model HEAD.json|DIR]",
            "  train-stance  fit the stance head on labelled data: --data FILE [--data FILE ...] --output DIR",
            "                [--entity-types ...]; the head goes to DIR/models/stance-head.json (stance.encoder.head);",
            "                with stance.scorer rules, a rule-feature model to DIR/models/stance (stance.model)",
            "  eval-narratives  how well the narratives (conf/narratives.yaml) are found: without --gold, each of",
            "                the file's examples left out in turn; with --gold FILE (JSONL {id, text, narratives: [ids]}),",
            "                per narrative precision/recall/F1, micro-F1 and samples-F1 over the documents",
            "  report-html   (bin/narrative only; Python) the notebooks executed into DIR/report/report.html: --output DIR",
            "options:",
            "  --input PATH      a file or folder (.txt, .jsonl, .csv, .tsv, .parquet, each also .gz); repeatable",
            "  --output DIR      where the tables are written (local path, hdfs://, s3a://...)",
            "  --config FILE     the pipeline YAML (default: built-in defaults, documented in conf/pipeline.yaml)",
            "  --set KEY=VALUE   override one config key, e.g. --set ingest.max_chars=500000; repeatable",
            "  --topic-model DIR apply the topic models saved in DIR (OUTPUT/models/topics of an earlier run)",
            "                    instead of fitting new ones",
            "  --progress        a progress line every 30 s inside long stages even when standard error is not a",
            "                    terminal (on a terminal they are always printed)");

    private final String command;
    private final List<String> inputs = new ArrayList<>();
    private String output;
    private String config;
    private String topicModel;
    private final Map<String, String> overrides = new LinkedHashMap<>();
    /** Labelled files for eval-stance (--gold) and train-stance (--data). */
    private final List<String> labelled = new ArrayList<>();
    private String split = "all";
    private final List<String> entityTypes = new ArrayList<>();
    private String model;
    /** --progress: progress lines inside stages even when standard error is not a terminal. */
    private boolean progress;

    private CliArgs(String command) {
        this.command = command;
    }

    public static CliArgs parse(String... args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            throw new NarrativeException(USAGE);
        }
        CliArgs cli = new CliArgs(args[0]);
        for (int i = 1; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                throw new NarrativeException(USAGE);
            }
            if (option.equals("--progress")) {
                cli.progress = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new NarrativeException(option + ": missing value\n" + USAGE);
            }
            String value = args[++i];
            switch (option) {
                case "--input" -> cli.inputs.add(value);
                case "--output" -> cli.output = value;
                case "--config" -> cli.config = value;
                case "--topic-model" -> cli.topicModel = value;
                case "--gold", "--data" -> cli.labelled.add(value);
                case "--split" -> cli.split = value;
                case "--entity-types" -> cli.entityTypes.addAll(List.of(value.split(",")));
                case "--model" -> cli.model = value;
                case "--set" -> {
                    int eq = value.indexOf('=');
                    if (eq <= 0) {
                        throw new NarrativeException("--set " + value + ": expected KEY=VALUE");
                    }
                    cli.overrides.put(value.substring(0, eq).strip(), value.substring(eq + 1).strip());
                }
                default -> throw new NarrativeException("unknown option " + option + "\n" + USAGE);
            }
        }
        if (cli.command.endsWith("-stance") && cli.labelled.isEmpty()) {
            throw new NarrativeException(cli.command + ": at least one "
                    + (cli.command.equals("eval-stance") ? "--gold" : "--data") + " FILE is required");
        }
        if (cli.output == null && !cli.command.startsWith("eval-")) {
            throw new NarrativeException(cli.command + ": --output DIR is required");
        }
        return cli;
    }
}
