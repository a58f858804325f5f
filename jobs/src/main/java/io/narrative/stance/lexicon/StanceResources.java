package io.narrative.stance.lexicon;

import io.narrative.core.NarrativeException;
import io.narrative.core.io.YamlDataFile;
import io.narrative.core.config.StanceConfig;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;

/**
 * The targets and lexicons of a run, parsed once on the driver and broadcast: one {@link LanguageResources}
 * per language that has aliases. Data-file problems fail here, naming the file, the line and what was
 * expected.
 */
public final class StanceResources implements Serializable {
    private static final Pattern TARGET_ID = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern LANG = Pattern.compile("[a-z]{2,3}");

    private final Map<String, LanguageResources> languages;
    private final Map<String, String> targetNames;
    private final List<String> warnings;

    private StanceResources(Map<String, LanguageResources> languages, Map<String, String> targetNames,
            List<String> warnings) {
        this.languages = languages;
        this.targetNames = targetNames;
        this.warnings = warnings;
    }

    /** Loads the targets and lexicons named by the config (built-in copies where it names none). */
    public static StanceResources load(StanceConfig config, Configuration hadoop) {
        ResourceFiles files = new ResourceFiles(hadoop);
        String targetsText = config.getTargets().isBlank() ? files.builtIn("targets.yaml")
                : files.read("stance.targets", config.getTargets(), false);
        String targetsOrigin = config.getTargets().isBlank() ? "built-in conf/targets.yaml" : config.getTargets();
        TargetsFile targets = parseTargets(targetsText, targetsOrigin);

        Map<String, LanguageResources> languages = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (TargetSpec target : targets.getTargets()) {
            names.put(target.getId(), target.getName() == null ? target.getId() : target.getName());
            target.getAliases().forEach((lang, aliases) -> aliases.forEach(alias -> languages
                    .computeIfAbsent(lang, LanguageResources::new).addAlias(alias, target.getId())));
            target.getExceptions().forEach((lang, phrases) -> phrases.forEach(phrase -> languages
                    .computeIfAbsent(lang, LanguageResources::new).addException(phrase, target.getId())));
        }
        targets.getCompanySuffixes().forEach((lang, words) -> {
            LanguageResources resources = languages.get(lang);
            if (resources != null) {
                words.forEach(resources::addCompanySuffix);
            }
        });

        List<String> warnings = new ArrayList<>();
        boolean builtIn = config.getLexicons().isBlank();
        Set<String> lexiconLangs = new HashSet<>(builtIn ? ResourceFiles.BUILT_IN_LANGUAGES
                : files.languagesIn("stance.lexicons", config.getLexicons()));
        for (LanguageResources resources : languages.values()) {
            String lang = resources.lang();
            if (!lexiconLangs.contains(lang)) {
                warnings.add("stance: targets have " + lang + " aliases but there is no " + lang
                        + " lexicon: its mentions are found and scored neutral");
                continue;
            }
            // Domain entries first: for the same words they win over the general polarity list.
            for (String file : List.of("domain.tsv", "polarity.tsv")) {
                String name = "lexicons/" + lang + "/" + file;
                String text = builtIn ? files.builtIn(name)
                        : files.read("stance.lexicons", config.getLexicons() + "/" + lang + "/" + file, true);
                if (text != null) {
                    parseCues(text, name).forEach(resources::addCue);
                }
            }
            String name = "lexicons/" + lang + "/cues.tsv";
            String cues = builtIn ? files.builtIn(name)
                    : files.read("stance.lexicons", config.getLexicons() + "/" + lang + "/cues.tsv", true);
            if (cues != null) {
                parseFunctionWords(cues, name).forEach((word, role) -> resources.addFunctionWord(word, role));
            }
        }
        return new StanceResources(languages, names, warnings);
    }

    static TargetsFile parseTargets(String text, String origin) {
        TargetsFile file = YamlDataFile.read(text, TargetsFile.class, "targets file " + origin);
        if (file == null || file.getTargets() == null || file.getTargets().isEmpty()) {
            throw new NarrativeException("targets file " + origin + ": key targets: expected a non-empty list");
        }
        Set<String> ids = new TreeSet<>();
        for (int i = 0; i < file.getTargets().size(); i++) {
            TargetSpec target = file.getTargets().get(i);
            String key = "targets file " + origin + ": key targets[" + i + "]";
            if (target.getId() == null || !TARGET_ID.matcher(target.getId()).matches()) {
                throw new NarrativeException(key + ".id: got '" + target.getId()
                        + "', expected a snake_case id such as united_states");
            }
            if (!ids.add(target.getId())) {
                throw new NarrativeException(key + ".id: '" + target.getId() + "' is used twice");
            }
            if (target.getAliases() == null || target.getAliases().values().stream().allMatch(List::isEmpty)) {
                throw new NarrativeException(key + ".aliases: expected at least one alias in some language");
            }
            if (target.getExceptions() == null) {
                target.setExceptions(Map.of());
            }
            checkLanguages(key + ".aliases", target.getAliases());
            checkLanguages(key + ".exceptions", target.getExceptions());
        }
        if (file.getCompanySuffixes() == null) {
            file.setCompanySuffixes(Map.of());
        }
        checkLanguages("targets file " + origin + ": key company_suffixes", file.getCompanySuffixes());
        return file;
    }

    private static void checkLanguages(String key, Map<String, List<String>> byLang) {
        byLang.forEach((lang, phrases) -> {
            if (!LANG.matcher(lang).matches()) {
                throw new NarrativeException(key + "." + lang + ": expected an ISO 639-1 language code such as en");
            }
            for (String phrase : phrases == null ? List.<String>of() : phrases) {
                if (phrase == null || phrase.isBlank()) {
                    throw new NarrativeException(key + "." + lang + ": an empty alias");
                }
            }
        });
    }

    /** Parses {@code term<TAB>weight[<TAB>kind]} lines; '#' starts a comment line. */
    static List<Cue> parseCues(String text, String origin) {
        List<Cue> cues = new ArrayList<>();
        for (Map.Entry<Integer, String> numbered : dataLines(text).entrySet()) {
            String line = numbered.getValue();
            String[] fields = line.split("\t");
            String where = origin + " line " + numbered.getKey() + ": ";
            if (fields.length < 2 || fields.length > 3) {
                throw new NarrativeException(where + "expected term<TAB>weight[<TAB>kind], got '" + line + "'");
            }
            double weight;
            try {
                weight = Double.parseDouble(fields[1].strip());
            } catch (NumberFormatException e) {
                throw new NarrativeException(where + "weight '" + fields[1] + "' is not a number");
            }
            if (!(weight >= -1.0 && weight <= 1.0)) {
                throw new NarrativeException(where + "weight " + weight + " is outside [-1, 1]");
            }
            CueKind kind;
            try {
                kind = fields.length == 3 ? CueKind.parse(fields[2]) : CueKind.QUALITY;
            } catch (IllegalArgumentException e) {
                throw new NarrativeException(where + "kind '" + fields[2] + "' is not one of harm, judgement,"
                        + " benefit, praise, quality");
            }
            cues.add(new Cue(fields[0].strip(), weight, kind));
        }
        return cues;
    }

    /** Parses {@code word<TAB>role} lines; '#' starts a comment line. */
    static Map<String, FunctionWord> parseFunctionWords(String text, String origin) {
        Map<String, FunctionWord> words = new LinkedHashMap<>();
        for (Map.Entry<Integer, String> numbered : dataLines(text).entrySet()) {
            String line = numbered.getValue();
            String[] fields = line.split("\t");
            try {
                if (fields.length != 2) {
                    throw new IllegalArgumentException();
                }
                words.put(fields[0].strip(), FunctionWord.parse(fields[1]));
            } catch (IllegalArgumentException e) {
                throw new NarrativeException(origin + " line " + numbered.getKey() + ": expected word<TAB>role with a role"
                        + " from " + List.of(FunctionWord.values()) + ", got '" + line + "'");
            }
        }
        return words;
    }

    /** The non-empty, non-comment lines of a data file, stripped, by line number (from 1). */
    private static Map<Integer, String> dataLines(String text) {
        Map<Integer, String> lines = new LinkedHashMap<>();
        String[] all = text.split("\n", -1);
        for (int i = 0; i < all.length; i++) {
            String line = all[i].strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
                lines.put(i + 1, line);
            }
        }
        return lines;
    }

    /** The resources for a sentence in {@code lang}, or null when no target has aliases in it. */
    public LanguageResources forLanguage(String lang) {
        return languages.get(lang);
    }

    public Map<String, String> targetNames() {
        return targetNames;
    }

    public Set<String> languages() {
        return languages.keySet();
    }

    public List<String> warnings() {
        return warnings;
    }
}
