package io.narrative.stance.lexicon;

import java.util.ArrayList;
import java.util.List;
import lombok.Data;
import lombok.NoArgsConstructor;

/** The targets YAML: a list of {@link TargetSpec}. */
@Data
@NoArgsConstructor
public class TargetsFile {
    private List<TargetSpec> targets = new ArrayList<>();
}
