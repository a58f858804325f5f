package io.narrative.stance.lexicon;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lombok.Data;
import lombok.NoArgsConstructor;

/** One target of conf/targets.yaml: an id, a display name, aliases and exceptions per language. */
@Data
@NoArgsConstructor
public class TargetSpec {
    private String id;
    private String name;
    private Map<String, List<String>> aliases = new LinkedHashMap<>();
    private Map<String, List<String>> exceptions = new LinkedHashMap<>();
}
