package io.narrative.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.narrative.core.Columns;
import io.narrative.core.NarrativeException;
import io.narrative.core.Progress;
import io.narrative.core.config.IngestConfig;
import io.narrative.core.config.NarrativesConfig;
import io.narrative.core.config.PipelineConfig;
import io.narrative.ingest.LanguageIdentifier;
import io.narrative.narratives.ExampleSpec;
import io.narrative.narratives.LeaveOneOut;
import io.narrative.narratives.NarrativeCatalog;
import io.narrative.narratives.NarrativeMetrics;
import io.narrative.narratives.NarrativeSpace;
import io.narrative.narratives.NarrativeSpec;
import io.narrative.narratives.NarrativesStage;
import io.narrative.stance.StanceStage;
import io.narrative.stance.lexicon.StanceResources;
import io.narrative.tokenize.TokenizeStage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * eval-narratives: how well the narratives are found. Without --gold, on the narratives file's own
 * examples, each left out in turn ({@link LeaveOneOut}), and how many examples the candidate rule would
 * let through. With --gold FILE (JSONL {id, text, narratives: [ids]}), the texts go through the job's own
 * stages (language identification, tokenize's sentence splitting, stance's target mentions, the narratives
 * stage) and each text's narratives are scored against its gold set.
 */
public final class NarrativeCommands {
    public static final Set<String> NAMES = Set.of("eval-narratives");
    private static final StructType DOCUMENTS = new StructType().add(Columns.DOC_ID, DataTypes.StringType)
            .add(Columns.TEXT, DataTypes.StringType)
            .add(Columns.PARAGRAPH_LANGS, DataTypes.createArrayType(DataTypes.StringType))
            .add(Columns.DUPLICATE_OF, DataTypes.StringType);

    private NarrativeCommands() {
    }

    public static boolean handles(String command) {
        return NAMES.contains(command);
    }

    /** A text and the narratives it carries. */
    record GoldItem(String id, String text, Set<String> narratives) {
    }

    /** Prints the evaluation on standard output and returns it. */
    public static String run(SparkSession spark, CliArgs cli, PipelineConfig config, Progress progress) {
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        NarrativesConfig settings = config.getNarratives();
        NarrativeCatalog catalog = NarrativeCatalog.load(settings.getDefinitions(), hadoop);
        progress.info("narratives: " + catalog.size() + " from " + catalog.origin());
        NarrativeSpace space = NarrativeSpace.build(catalog, NarrativesStage.embedder(config.getStance().getEncoder(),
                hadoop));
        String out;
        if (cli.getLabelled().isEmpty()) {
            out = LeaveOneOut.report(space, settings.getThreshold()) + candidateCoverage(spark, config, catalog);
        } else {
            List<GoldItem> gold = new ArrayList<>();
            for (String file : cli.getLabelled()) {
                gold.addAll(readGold(Path.of(file), catalog));
            }
            out = evaluate(spark, config, catalog, space, gold);
        }
        System.out.print(out);
        return out;
    }

    static List<GoldItem> readGold(Path file, NarrativeCatalog catalog) {
        Set<String> known = new HashSet<>();
        catalog.narratives().forEach(n -> known.add(n.getId()));
        ObjectMapper json = new ObjectMapper();
        List<GoldItem> items = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new NarrativeException("--gold " + file + ": cannot read (" + e.getMessage() + ")", e);
        }
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String where = "--gold " + file + " line " + (i + 1);
            try {
                JsonNode node = json.readTree(lines.get(i));
                if (!node.path("text").isTextual() || !node.path("narratives").isArray()) {
                    throw new NarrativeException(where + ": expected {id, text, narratives: [ids]}");
                }
                Set<String> ids = new HashSet<>();
                for (JsonNode id : node.get("narratives")) {
                    if (!known.contains(id.asText())) {
                        throw new NarrativeException(where + ": narrative " + id.asText() + " is not in "
                                + catalog.origin());
                    }
                    ids.add(id.asText());
                }
                items.add(new GoldItem(node.path("id").asText(String.valueOf(i + 1)), node.get("text").asText(), ids));
            } catch (IOException e) {
                throw new NarrativeException(where + ": not JSON (" + e.getMessage() + ")", e);
            }
        }
        return items;
    }

    private static String evaluate(SparkSession spark, PipelineConfig config, NarrativeCatalog catalog,
            NarrativeSpace space, List<GoldItem> gold) {
        NarrativesConfig everything = copyOf(config.getNarratives());
        everything.setMinScore(0);
        NarrativesStage.Result result = runStages(spark, config, everything, catalog, space,
                gold.stream().map(g -> new String[] {g.id(), g.text()}).toList());
        // each text's best sentence score per narrative: what doc_narratives decides on (min_sentences 1)
        Map<String, Map<String, Double>> best = new HashMap<>();
        for (Row r : result.sentenceNarratives().collectAsList()) {
            best.computeIfAbsent(r.getAs(Columns.DOC_ID), k -> new HashMap<>())
                    .merge(r.getAs(Columns.NARRATIVE_ID), r.<Double>getAs(Columns.SCORE), Math::max);
        }
        Map<String, Set<String>> found = new HashMap<>();
        for (Row r : result.docNarratives().collectAsList()) {
            found.computeIfAbsent(r.getAs(Columns.DOC_ID), k -> new HashSet<>()).add(r.getAs(Columns.NARRATIVE_ID));
        }
        result.release();
        List<String> ids = catalog.narratives().stream().map(NarrativeSpec::getId).toList();
        List<Set<String>> truth = new ArrayList<>();
        List<Set<String>> predicted = new ArrayList<>();
        int withGold = 0;
        int rankedFirst = 0;
        for (GoldItem item : gold) {
            Set<String> expected = withParents(item.narratives(), catalog);
            truth.add(expected);
            predicted.add(found.getOrDefault(item.id(), Set.of()));
            Map<String, Double> scores = best.getOrDefault(item.id(), Map.of());
            if (!item.narratives().isEmpty()) {
                withGold++;
                String top = scores.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                        .orElse(null);
                rankedFirst += expected.contains(top) ? 1 : 0;
            }
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "gold: %d texts, threshold %.2f,"
                + " min_sentences %d (a gold sub-narrative counts for its parent too)%n", gold.size(),
                config.getNarratives().getThreshold(), config.getNarratives().getMinSentences()));
        out.append(NarrativeMetrics.format(NarrativeMetrics.score(ids, truth, predicted)));
        out.append(String.format(Locale.ROOT, "a gold narrative ranked first: %d of %d texts with one (%.3f)%n",
                rankedFirst, withGold, withGold == 0 ? 0.0 : rankedFirst / (double) withGold));
        out.append("other thresholds (min_sentences 1):");
        for (double t : LeaveOneOut.THRESHOLDS) {
            List<Set<String>> at = new ArrayList<>();
            for (GoldItem item : gold) {
                Set<String> decided = new HashSet<>();
                best.getOrDefault(item.id(), Map.of()).forEach((id, score) -> {
                    if (score >= t) {
                        decided.add(id);
                    }
                });
                at.add(decided);
            }
            NarrativeMetrics.Result r = NarrativeMetrics.score(ids, truth, at);
            out.append(String.format(Locale.ROOT, "  %.1f: micro-F1 %.3f samples-F1 %.3f;", t, r.microF1(),
                    r.samplesF1()));
        }
        return out.append('\n').toString();
    }

    private static NarrativesConfig copyOf(NarrativesConfig config) {
        NarrativesConfig copy = new NarrativesConfig();
        copy.setEnabled(config.isEnabled());
        copy.setDefinitions(config.getDefinitions());
        copy.setThreshold(config.getThreshold());
        copy.setMinSentences(config.getMinSentences());
        copy.setMinScore(config.getMinScore());
        copy.setEvidenceSentences(config.getEvidenceSentences());
        return copy;
    }

    /** The gold set with the parents of its sub-narratives, as the stage reports a parent with its child. */
    private static Set<String> withParents(Set<String> ids, NarrativeCatalog catalog) {
        Set<String> out = new HashSet<>(ids);
        for (NarrativeSpec n : catalog.narratives()) {
            if (ids.contains(n.getId()) && n.getParent() != null) {
                out.add(n.getParent());
            }
        }
        return out;
    }

    /**
     * How many of the file's examples the candidate rule lets through (a target mention by the stance
     * stage's rules, or a cue): an example that is not a candidate can never be found in a corpus.
     */
    private static String candidateCoverage(SparkSession spark, PipelineConfig config, NarrativeCatalog catalog) {
        List<String[]> texts = new ArrayList<>();
        Map<String, String> owner = new LinkedHashMap<>();
        for (NarrativeSpec n : catalog.narratives()) {
            for (ExampleSpec e : n.getExamples()) {
                String id = "example-" + texts.size();
                texts.add(new String[] {id, e.getText()});
                owner.put(id, n.getId() + " (" + e.getLang() + "): " + e.getText());
            }
        }
        Dataset<Row> sentences = sentences(spark, config, texts);
        Dataset<Row> mentions = mentions(spark, config, sentences);
        Set<String> candidates = new HashSet<>();
        new NarrativesStage(config.getNarratives(), catalog, null, config.getStance().getEncoder())
                .candidates(sentences, mentions).collectAsList().forEach(r -> candidates.add(r.getAs(Columns.DOC_ID)));
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "candidate rule (a target mention or a cue): %d of %d examples are candidates%n", candidates.size(),
                texts.size()));
        owner.forEach((id, what) -> {
            if (!candidates.contains(id)) {
                out.append("  not a candidate: ").append(what).append('\n');
            }
        });
        return out.toString();
    }

    /** The narratives stage over {id, text} documents, after language identification, tokenize and stance. */
    private static NarrativesStage.Result runStages(SparkSession spark, PipelineConfig config,
            NarrativesConfig settings, NarrativeCatalog catalog, NarrativeSpace space, List<String[]> texts) {
        Dataset<Row> sentences = sentences(spark, config, texts);
        Dataset<Row> mentions = mentions(spark, config, sentences);
        return new NarrativesStage(settings, catalog, space, config.getStance().getEncoder())
                .apply(sentences, mentions, null);
    }

    private static Dataset<Row> sentences(SparkSession spark, PipelineConfig config, List<String[]> texts) {
        IngestConfig ingest = config.getIngest();
        LanguageIdentifier languages = new LanguageIdentifier(ingest.getLanguages(), ingest.getOtherLanguages(),
                ingest.getLanguageMinLetters());
        List<Row> rows = new ArrayList<>();
        for (String[] t : texts) {
            List<String> paragraphs = Arrays.asList(t[1].split("\n\n"));
            rows.add(RowFactory.create(t[0], t[1], languages.identify(paragraphs).paragraphLangs(), null));
        }
        TokenizeStage.Result tokenized = new TokenizeStage(config.getTokenize())
                .apply(spark.createDataFrame(rows, DOCUMENTS));
        return tokenized.sentences().localCheckpoint();
    }

    private static Dataset<Row> mentions(SparkSession spark, PipelineConfig config, Dataset<Row> sentences) {
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        StanceResources resources = StanceResources.load(config.getStance(), hadoop);
        return StanceStage.rules(config.getStance(), resources, null).apply(sentences).mentions().localCheckpoint();
    }
}
