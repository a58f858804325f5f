package io.narrative.narratives;

import java.util.ArrayList;
import java.util.List;
import lombok.Data;
import lombok.NoArgsConstructor;

/** The whole of conf/narratives.yaml as read. */
@Data
@NoArgsConstructor
public class NarrativesFile {
    private List<NarrativeSpec> narratives = new ArrayList<>();
    private List<ExampleSpec> background = new ArrayList<>();
    /** Phrases in which a cue is not one ("West German*" for the cue West). */
    private List<String> cueExceptions = new ArrayList<>();
}
