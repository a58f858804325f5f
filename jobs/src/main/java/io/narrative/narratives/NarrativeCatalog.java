package io.narrative.narratives;

import io.narrative.core.NarrativeException;
import io.narrative.core.io.DataFiles;
import io.narrative.core.io.YamlDataFile;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;

/**
 * The narratives a run looks for, read from conf/narratives.yaml (or a user's copy) and checked when
 * loaded: unknown keys, missing or duplicate ids, empty descriptions or examples, unknown parents and
 * parents that are themselves sub-narratives are errors naming the file and the entry.
 */
public final class NarrativeCatalog implements Serializable {
    /** The config key that names a user's file. */
    public static final String KEY = "narratives.definitions";
    static final String BUILT_IN = "narratives.yaml";
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]*");

    private final List<NarrativeSpec> narratives;
    private final List<ExampleSpec> background;
    private final List<String> cueExceptions;
    private final String origin;

    private NarrativeCatalog(List<NarrativeSpec> narratives, List<ExampleSpec> background, List<String> cueExceptions,
            String origin) {
        this.narratives = List.copyOf(narratives);
        this.background = List.copyOf(background);
        this.cueExceptions = List.copyOf(cueExceptions);
        this.origin = origin;
    }

    /** The file at {@code path} (any Hadoop path), or the built-in conf/narratives.yaml when it is blank. */
    public static NarrativeCatalog load(String path, Configuration hadoop) {
        if (path == null || path.isBlank()) {
            String text = DataFiles.builtIn(BUILT_IN);
            if (text == null) {
                throw new NarrativeException("the built-in conf/" + BUILT_IN + " is missing from the job jar");
            }
            return parse(text, "built-in conf/" + BUILT_IN);
        }
        return parse(new DataFiles(hadoop).read(KEY, path, false), path);
    }

    public static NarrativeCatalog parse(String text, String origin) {
        NarrativesFile file = YamlDataFile.read(text, NarrativesFile.class, "narratives file " + origin);
        if (file == null || file.getNarratives() == null || file.getNarratives().isEmpty()) {
            throw new NarrativeException("narratives file " + origin + ": key narratives: expected a non-empty list");
        }
        Map<String, NarrativeSpec> byId = new LinkedHashMap<>();
        for (int i = 0; i < file.getNarratives().size(); i++) {
            NarrativeSpec n = file.getNarratives().get(i);
            String entry = "narratives file " + origin + ": narratives[" + i + "]"
                    + (n == null || n.getId() == null ? "" : " (id " + n.getId() + ")");
            if (n == null || n.getId() == null || !ID.matcher(n.getId()).matches()) {
                throw new NarrativeException(entry + ": key id: expected snake_case letters, digits and _, got "
                        + (n == null ? null : n.getId()));
            }
            if (byId.containsKey(n.getId())) {
                throw new NarrativeException(entry + ": key id: " + n.getId() + " is already used by an earlier entry");
            }
            if (blank(n.getDescription())) {
                throw new NarrativeException(entry + ": key description: must not be empty");
            }
            if (blank(n.getTitle())) {
                n.setTitle(n.getId().replace('_', ' '));
            }
            n.setTargets(n.getTargets() == null ? List.of() : n.getTargets());
            n.setCues(n.getCues() == null ? List.of() : n.getCues());
            n.setExamples(n.getExamples() == null ? List.of() : n.getExamples());
            checkSentences(entry + ": key examples", n.getExamples());
            for (String cue : n.getCues()) {
                if (blank(cue) || cue.strip().equals("*")) {
                    throw new NarrativeException(entry + ": key cues: empty cue \"" + cue + "\"");
                }
            }
            byId.put(n.getId(), n);
        }
        for (int i = 0; i < file.getNarratives().size(); i++) {
            NarrativeSpec n = file.getNarratives().get(i);
            if (n.getParent() == null) {
                continue;
            }
            String entry = "narratives file " + origin + ": narratives[" + i + "] (id " + n.getId() + "): key parent";
            NarrativeSpec parent = byId.get(n.getParent());
            if (parent == null || parent == n) {
                throw new NarrativeException(entry + ": " + n.getParent() + " is not the id of another narrative");
            }
            if (parent.getParent() != null) {
                throw new NarrativeException(entry + ": " + n.getParent() + " is itself a sub-narrative (of "
                        + parent.getParent() + "); the taxonomy has two levels");
            }
        }
        List<ExampleSpec> background = file.getBackground() == null ? List.of() : file.getBackground();
        checkSentences("narratives file " + origin + ": key background", background);
        List<String> exceptions = file.getCueExceptions() == null ? List.of() : file.getCueExceptions();
        for (String phrase : exceptions) {
            if (blank(phrase)) {
                throw new NarrativeException("narratives file " + origin + ": key cue_exceptions: empty phrase");
            }
        }
        return new NarrativeCatalog(file.getNarratives(), background, exceptions, origin);
    }

    private static void checkSentences(String key, List<ExampleSpec> sentences) {
        for (int i = 0; i < sentences.size(); i++) {
            ExampleSpec e = sentences.get(i);
            if (e == null || blank(e.getText())) {
                throw new NarrativeException(key + "[" + i + "]: key text: must not be empty");
            }
            if (blank(e.getLang())) {
                throw new NarrativeException(key + "[" + i + "]: key lang: expected a language code such as en");
            }
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    public List<NarrativeSpec> narratives() {
        return narratives;
    }

    public List<ExampleSpec> background() {
        return background;
    }

    public String origin() {
        return origin;
    }

    public int size() {
        return narratives.size();
    }

    /** The index of each narrative's parent, -1 for a top-level one. */
    int[] parents() {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < narratives.size(); i++) {
            index.put(narratives.get(i).getId(), i);
        }
        int[] parents = new int[narratives.size()];
        for (int i = 0; i < parents.length; i++) {
            String parent = narratives.get(i).getParent();
            parents[i] = parent == null ? -1 : index.get(parent);
        }
        return parents;
    }

    /** Phrases in which a cue is not one. */
    List<String> cueExceptions() {
        return cueExceptions;
    }

    /** Every cue of every narrative, in file order. */
    List<String> cues() {
        List<String> all = new ArrayList<>();
        narratives.forEach(n -> all.addAll(n.getCues()));
        return all;
    }
}
