package io.narrative.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.narrative.core.NarrativeException;

/** Applies one {@code --set a.b.c=value} to the config tree before it is bound and validated. */
final class ConfigOverrides {
    private ConfigOverrides() {
    }

    static void apply(ObjectNode root, String key, String value, ObjectMapper yaml) {
        if (key == null || key.isBlank() || key.startsWith(".") || key.endsWith(".") || key.contains("..")) {
            throw new NarrativeException("--set " + key + "=" + value + ": expected key=value with a dotted key"
                    + " such as ingest.max_chars=500000");
        }
        String[] parts = key.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            if (child == null || child.isNull()) {
                child = node.putObject(parts[i]);
            } else if (!child.isObject()) {
                throw new NarrativeException("--set " + key + ": " + parts[i] + " is a value, not a section");
            }
            node = (ObjectNode) child;
        }
        node.set(parts[parts.length - 1], parseValue(value, yaml));
    }

    /** The value is read as YAML, so {@code 5}, {@code true} and {@code [en, ar]} keep their types. */
    private static JsonNode parseValue(String value, ObjectMapper yaml) {
        try {
            JsonNode parsed = yaml.readTree(value);
            return parsed == null || parsed.isMissingNode() ? TextNode.valueOf(value) : parsed;
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(value);
        }
    }
}
