package io.narrative.stance.lexicon;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lombok.Data;
import lombok.NoArgsConstructor;

/** The targets YAML: a list of {@link TargetSpec}, and the words that end a company's name per language. */
@Data
@NoArgsConstructor
public class TargetsFile {
    private List<TargetSpec> targets = new ArrayList<>();
    /**
     * Per language, words that end a company's name (Corp, Inc, Ltd): an alias inside a run of capitalised
     * words ending in one ("American Financial Corp", "U.S. Shoe Corp") names the company, not the country.
     */
    private Map<String, List<String>> companySuffixes = new LinkedHashMap<>();
}
