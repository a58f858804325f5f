package io.narrative.stance.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narrative.core.NarrativeException;
import io.narrative.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldReaderTest {
    @TempDir
    Path dir;

    @Test
    void read_newsMtscLine_oneItemPerTargetWithSpanAndPolarity() throws Exception {
        Path file = Fixtures.write(dir, "m.jsonl", "{\"sentence_normalized\": \"Putin praised Obama.\", \"targets\": ["
                + "{\"Input.gid\": \"a\", \"from\": 0, \"to\": 5, \"polarity\": 6.0},"
                + "{\"Input.gid\": \"b\", \"from\": 14, \"to\": 19, \"polarity\": 2.0}]}\n");
        List<GoldItem> items = GoldReader.read(file);
        assertEquals(2, items.size());
        assertEquals(1, items.get(0).getGold());
        assertEquals(-1, items.get(1).getGold());
        assertEquals("Obama", items.get(1).getText().substring(items.get(1).getSpanStart(), items.get(1).getSpanEnd()));
        assertEquals(items.get(0).getSplit(), items.get(1).getSplit(), "targets of one sentence share a split");
    }

    @Test
    void read_ruSentNeTsv_keepsEntityTypeAndSpan() throws Exception {
        Path file = Fixtures.write(dir, "r.tsv", "sentence\tentity\tentity_tag\tentity_pos_start_rel"
                + "\tentity_pos_end_rel\tlabel\nСША ввели санкции.\tСША\tCOUNTRY\t0\t3\t-1\n");
        GoldItem item = GoldReader.read(file).get(0);
        assertEquals("ru", item.getLang());
        assertEquals("COUNTRY", item.getEntityType());
        assertEquals(-1, item.getGold());
        assertEquals(3, item.getSpanEnd());
    }

    @Test
    void read_projectFormat_oneItemPerTargetId() throws Exception {
        Path file = Fixtures.write(dir, "p.jsonl",
                "{\"id\": \"x\", \"text\": \"Turkey and Russia met.\", \"lang\": \"en\", \"stance\": {\"turkey\": 0,"
                        + " \"russia\": 1}}\n");
        List<GoldItem> items = GoldReader.read(file);
        assertEquals(List.of("turkey", "russia"), items.stream().map(GoldItem::getTargetId).toList());
        assertEquals(-1, items.get(0).getSpanStart());
    }

    @Test
    void read_labelOutOfRange_failsNamingLine() throws Exception {
        Path file = Fixtures.write(dir, "bad.jsonl", "{\"id\": \"x\", \"text\": \"t\", \"stance\": {\"turkey\": 5}}\n");
        String message = assertThrows(NarrativeException.class, () -> GoldReader.read(file)).getMessage();
        assertTrue(message.contains("line 1: stance.turkey must be -1, 0 or 1"), message);
    }

    @Test
    void split_isFixedByTheSentence_andRoughlyTwentyPercentTest() {
        assertEquals(GoldReader.split("Same sentence."), GoldReader.split("Same sentence."));
        long test = java.util.stream.IntStream.range(0, 5000).mapToObj(i -> "sentence " + i)
                .filter(s -> GoldReader.split(s).equals("test")).count();
        assertTrue(test > 800 && test < 1200, "test items: " + test);
    }
}
