package io.narrative.stance.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.narrative.core.NarrativeException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads labelled stance data in three formats, recognised by their content:
 * <ul>
 *   <li>NewsMTSC JSONL: {@code sentence_normalized} and {@code targets[{from, to, polarity}]}, polarity 2/4/6
 *       for negative/neutral/positive (English);</li>
 *   <li>RuSentNE TSV: sentence, entity, entity_tag, entity_pos_start_rel, entity_pos_end_rel, label -1/0/1
 *       (Russian);</li>
 *   <li>the project's JSONL: {@code {id, text, lang, stance: {target_id: -1|0|1}}}.</li>
 * </ul>
 * Every item gets a fixed split by a hash of its sentence, so all targets of a sentence fall on the same side:
 * buckets 0-1 of 10 are {@code test} (held out, never tuned on), 2 is {@code dev}, 3-9 {@code train}.
 */
public final class GoldReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GoldReader() {
    }

    public static String split(String sentence) {
        int bucket = Math.floorMod(sentence.hashCode(), 10);
        return bucket < 2 ? "test" : bucket == 2 ? "dev" : "train";
    }

    public static List<GoldItem> read(Path file) {
        List<String> lines = lines(file);
        String first = lines.stream().filter(l -> !l.isBlank()).findFirst().orElse("");
        List<GoldItem> items = new ArrayList<>();
        if (first.startsWith("sentence\tentity")) {
            readRuSentNe(file, lines, items);
        } else {
            readJsonLines(file, lines, items);
        }
        return items;
    }

    private static void readRuSentNe(Path file, List<String> lines, List<GoldItem> items) {
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] f = lines.get(i).split("\t", -1);
            try {
                GoldItem item = item(file + ":" + (i + 1), "ru", f[0], Integer.parseInt(f[5].strip()));
                item.setEntityType(f[2]);
                item.setSpanStart(Integer.parseInt(f[3].strip()));
                item.setSpanEnd(Integer.parseInt(f[4].strip()));
                items.add(item);
            } catch (RuntimeException e) {
                throw new NarrativeException(file + " line " + (i + 1) + ": expected sentence, entity, entity_tag,"
                        + " start, end, label (-1/0/1) separated by tabs");
            }
        }
    }

    private static void readJsonLines(Path file, List<String> lines, List<GoldItem> items) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String where = file + " line " + (i + 1);
            JsonNode node;
            try {
                node = JSON.readTree(lines.get(i));
            } catch (IOException e) {
                throw new NarrativeException(where + ": not JSON (" + e.getMessage() + ")");
            }
            if (node.has("sentence_normalized") && node.has("targets")) {
                String text = node.get("sentence_normalized").asText();
                for (JsonNode t : node.get("targets")) {
                    int polarity = (int) Math.round(t.path("polarity").asDouble(Double.NaN));
                    if (polarity != 2 && polarity != 4 && polarity != 6) {
                        throw new NarrativeException(where + ": polarity must be 2.0, 4.0 or 6.0");
                    }
                    GoldItem item = item(t.path("Input.gid").asText(where), "en", text, polarity / 2 - 2);
                    item.setSpanStart(t.path("from").asInt());
                    item.setSpanEnd(t.path("to").asInt());
                    items.add(item);
                }
            } else if (node.has("text") && node.path("stance").isObject()) {
                Iterator<Map.Entry<String, JsonNode>> targets = node.get("stance").fields();
                while (targets.hasNext()) {
                    Map.Entry<String, JsonNode> t = targets.next();
                    int gold = t.getValue().asInt(Integer.MIN_VALUE);
                    if (gold < -1 || gold > 1) {
                        throw new NarrativeException(where + ": stance." + t.getKey() + " must be -1, 0 or 1");
                    }
                    GoldItem item = item(node.path("id").asText(where), node.path("lang").asText("en"),
                            node.get("text").asText(), gold);
                    item.setTargetId(t.getKey());
                    items.add(item);
                }
            } else {
                throw new NarrativeException(where + ": expected {id, text, stance: {target: -1|0|1}} or a NewsMTSC"
                        + " line with sentence_normalized and targets");
            }
        }
    }

    private static GoldItem item(String id, String lang, String text, int gold) {
        GoldItem item = new GoldItem();
        item.setId(id);
        item.setLang(lang.toLowerCase(Locale.ROOT));
        item.setText(text);
        item.setGold(gold);
        item.setSplit(split(text));
        return item;
    }

    private static List<String> lines(Path file) {
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        } catch (IOException e) {
            throw new NarrativeException("--gold/--data " + file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }
}
