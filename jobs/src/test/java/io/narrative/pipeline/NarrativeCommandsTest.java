package io.narrative.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narrative.core.NarrativeException;
import io.narrative.narratives.NarrativeCatalog;
import io.narrative.testing.Fixtures;
import io.narrative.testing.ProjectFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NarrativeCommandsTest {
    private static final NarrativeCatalog CATALOG = NarrativeCatalog.load("", new Configuration());

    @Test
    void theHeldOutGoldFile_readsWithKnownNarrativesAndEmptySets() {
        List<NarrativeCommands.GoldItem> gold = NarrativeCommands.readGold(
                ProjectFiles.resolve("data/narratives/heldout.jsonl"), CATALOG);
        assertTrue(gold.size() >= 40);
        assertTrue(gold.stream().anyMatch(g -> g.narratives().isEmpty()), "texts that carry none");
        assertTrue(gold.stream().anyMatch(g -> g.narratives().size() > 1), "texts that carry two");
    }

    @Test
    void anUnknownNarrativeInGold_failsNamingTheLineAndTheId(@TempDir Path dir) throws Exception {
        Path file = Fixtures.write(dir, "gold.jsonl", "{\"id\": \"a\", \"text\": \"x\", \"narratives\": []}\n"
                + "{\"id\": \"b\", \"text\": \"y\", \"narratives\": [\"flat_earth\"]}\n");
        NarrativeException e = assertThrows(NarrativeException.class, () -> NarrativeCommands.readGold(file, CATALOG));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("flat_earth"), e.getMessage());
    }

    @Test
    void aGoldLineWithoutNarratives_failsSayingTheExpectedShape(@TempDir Path dir) throws Exception {
        Path file = Fixtures.write(dir, "gold.jsonl", "{\"id\": \"a\", \"text\": \"x\"}\n");
        NarrativeException e = assertThrows(NarrativeException.class, () -> NarrativeCommands.readGold(file, CATALOG));
        assertEquals("--gold " + file + " line 1: expected {id, text, narratives: [ids]}", e.getMessage());
        assertEquals(Set.of(), NarrativeCommands.readGold(Fixtures.write(dir, "ok.jsonl",
                "{\"id\": \"a\", \"text\": \"x\", \"narratives\": []}\n"), CATALOG).get(0).narratives());
    }
}
