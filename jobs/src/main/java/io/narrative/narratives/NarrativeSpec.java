package io.narrative.narratives;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import lombok.Data;
import lombok.NoArgsConstructor;

/** One entry of conf/narratives.yaml (the file's header documents each key). */
@Data
@NoArgsConstructor
public class NarrativeSpec implements Serializable {
    private String id;
    private String title;
    private String description;
    /** The broader narrative this one refines, or null. */
    private String parent;
    private List<String> targets = new ArrayList<>();
    private List<String> cues = new ArrayList<>();
    private List<ExampleSpec> examples = new ArrayList<>();
}
