package io.narrative.stance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narrative.core.NarrativeException;
import io.narrative.core.config.StanceConfig;
import io.narrative.stance.lexicon.StanceResources;
import io.narrative.testing.Fixtures;
import io.narrative.testing.ProjectFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StanceResourcesTest {
    @TempDir
    Path dir;

    private StanceResources load(String targetsYaml) throws Exception {
        StanceConfig config = new StanceConfig();
        config.setTargets(Fixtures.write(dir, "targets.yaml", targetsYaml).toString());
        return StanceResources.load(config, new Configuration());
    }

    private String loadError(String targetsYaml) {
        return assertThrows(NarrativeException.class, () -> load(targetsYaml)).getMessage();
    }

    @Test
    void targets_userAddedTarget_isFoundWithoutCodeChange() throws Exception {
        StanceConfig config = new StanceConfig();
        config.setTargets(Fixtures.write(dir, "targets.yaml", """
                targets:
                  - id: nato
                    name: NATO
                    aliases: {en: [NATO, North Atlantic Alliance], ru: [НАТО]}
                """).toString());
        SentenceScorer scorer = new SentenceScorer(StanceResources.load(config, new Configuration()), config);
        List<TargetStance> found = scorer.score("en", "NATO condemned the strike; the North Atlantic Alliance met.");
        assertEquals("nato", found.get(0).target());
        assertEquals(2, found.get(0).mentions().size());
        assertEquals("nato", scorer.score("ru", "Расширение НАТО.").get(0).target());
    }

    @Test
    void targets_unknownKey_namesIt() {
        String message = loadError("targets:\n  - id: x\n    alias: {en: [X]}\n");
        assertTrue(message.contains("alias") && message.contains("targets[0]"), message);
    }

    @Test
    void targets_badId_namesKeyValueAndExpectation() {
        String message = loadError("targets:\n  - id: United States\n    aliases: {en: [US]}\n");
        assertTrue(message.contains("targets[0].id: got 'United States', expected a snake_case id"), message);
    }

    @Test
    void targets_duplicateIdAndNoAliases_fail() {
        assertTrue(loadError("targets:\n  - id: a\n    aliases: {en: [A]}\n  - id: a\n    aliases: {en: [B]}\n")
                .contains("used twice"));
        assertTrue(loadError("targets:\n  - id: a\n    aliases: {en: []}\n").contains("at least one alias"));
    }

    @Test
    void targets_missingFile_namesConfigKey() {
        StanceConfig config = new StanceConfig();
        config.setTargets(dir.resolve("nope.yaml").toString());
        String message = assertThrows(NarrativeException.class,
                () -> StanceResources.load(config, new Configuration())).getMessage();
        assertTrue(message.contains("config key stance.targets") && message.contains("no such file"), message);
    }

    @Test
    void lexicon_badWeight_namesFileAndLine() throws Exception {
        Path lexicons = dir.resolve("lexicons");
        Fixtures.write(Files.createDirectories(lexicons.resolve("en")), "domain.tsv",
                "# header\npeace\t0.5\tquality\nwar\tbad\n");
        StanceConfig config = new StanceConfig();
        config.setLexicons(lexicons.toString());
        String message = assertThrows(NarrativeException.class,
                () -> StanceResources.load(config, new Configuration())).getMessage();
        assertTrue(message.contains("lexicons/en/domain.tsv line 3: weight 'bad' is not a number"), message);
    }

    @Test
    void lexicon_languageWithoutLexicon_warnsAndStillFindsMentions() throws Exception {
        StanceResources resources = load("targets:\n  - id: iran\n    aliases: {fa: [ایران], en: [Iran]}\n");
        assertTrue(resources.warnings().stream().anyMatch(w -> w.contains("no fa lexicon")), resources.warnings()
                .toString());
        StanceConfig config = new StanceConfig();
        assertEquals("iran", new SentenceScorer(resources, config).score("fa", "ایران").get(0).target());
    }

    @Test
    void lexiconFiles_everyOneHasSourceLicenceAndColumnsHeader() throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(ProjectFiles.resolve("conf/lexicons"))) {
            files = walk.filter(p -> p.toString().endsWith(".tsv")).toList();
        }
        assertEquals(12, files.size(), files.toString());
        for (Path file : files) {
            String header = String.join("\n", Files.readAllLines(file).stream().takeWhile(l -> l.startsWith("#"))
                    .toList());
            assertTrue(header.contains("# source:") && header.contains("# licence:") && header.contains("# columns:"),
                    file + " lacks a source/licence/columns header");
        }
        String targets = Files.readString(ProjectFiles.resolve("conf/targets.yaml"));
        assertTrue(targets.contains("# source:") && targets.contains("# licence:"));
    }
}
