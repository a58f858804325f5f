package io.narrative.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.narrative.core.config.FieldMapping;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Picks the document attributes out of a record by the configured field names (first present wins). */
final class FieldExtractor implements Serializable {
    private static final long serialVersionUID = 1L;
    private final FieldMapping mapping;

    FieldExtractor(FieldMapping mapping) {
        this.mapping = mapping;
    }

    /** Fills the attributes of {@code record} from a JSON object; returns false when no text field is present. */
    boolean fromJson(JsonNode object, RawRecord record) {
        return fill(record, name -> jsonValue(object, name));
    }

    /** Fills the attributes from a CSV row given as header-name to value. */
    boolean fromColumns(Map<String, String> row, RawRecord record) {
        return fill(record, row::get);
    }

    private boolean fill(RawRecord record, Function<String, String> lookup) {
        record.setId(first(mapping.getId(), lookup));
        record.setTitle(first(mapping.getTitle(), lookup));
        record.setPublished(first(mapping.getPublished(), lookup));
        record.setSource(first(mapping.getSource(), lookup));
        record.setUrl(first(mapping.getUrl(), lookup));
        record.setLang(first(mapping.getLang(), lookup));
        String text = first(mapping.getText(), lookup);
        record.setText(text);
        return text != null;
    }

    private static String first(List<String> candidates, Function<String, String> lookup) {
        for (String name : candidates) {
            String value = lookup.apply(name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** A scalar as text; an array of scalars as paragraphs; objects and nulls as absent. */
    static String jsonValue(JsonNode object, String dottedName) {
        JsonNode node = object;
        for (String part : dottedName.split("\\.")) {
            node = node == null ? null : node.get(part);
        }
        if (node == null || node.isNull() || node.isObject()) {
            return null;
        }
        if (node.isArray()) {
            List<String> parts = new ArrayList<>();
            node.forEach(element -> {
                if (element.isValueNode() && !element.isNull()) {
                    parts.add(element.asText());
                }
            });
            return parts.isEmpty() ? null : String.join("\n\n", parts);
        }
        return node.asText();
    }
}
