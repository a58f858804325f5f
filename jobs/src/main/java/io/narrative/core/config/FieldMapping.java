package io.narrative.core.config;

import java.util.List;
import lombok.Data;
import lombok.NoArgsConstructor;

/**
 * Which input field holds each document attribute. Each entry lists candidate field names, first match
 * wins, so one config can read corpora that name their fields differently (Reuters' {@code text} and
 * SaudiNewsNet's {@code content}). A dotted name ({@code meta.date}) reaches into a nested JSON object.
 */
@Data
@NoArgsConstructor
public class FieldMapping implements ConfigSection {
    private List<String> id = List.of("id", "doc_id", "guid");
    private List<String> text = List.of("text", "content", "body", "article");
    private List<String> title = List.of("title", "headline");
    private List<String> published = List.of("published", "date", "published_at", "date_published", "pubdate",
            "date_extracted");
    private List<String> source = List.of("source", "outlet", "publisher", "domain");
    private List<String> url = List.of("url", "link");
    private List<String> lang = List.of("lang", "language");

    @Override
    public void validate(String prefix, ConfigErrors errors) {
        errors.nonEmpty(prefix + ".text", text);
        for (String key : List.of("id", "title", "published", "source", "url", "lang")) {
            if (candidates(key) == null) {
                errors.add(prefix + "." + key, null, "a list of field names (may be empty)");
            }
        }
    }

    /** The candidate names for one attribute, by its config key. */
    public List<String> candidates(String attribute) {
        return switch (attribute) {
            case "id" -> id;
            case "text" -> text;
            case "title" -> title;
            case "published" -> published;
            case "source" -> source;
            case "url" -> url;
            case "lang" -> lang;
            default -> throw new IllegalArgumentException("unknown document attribute " + attribute);
        };
    }
}
