package io.narrative.core.config;

import java.util.List;
import lombok.Data;
import lombok.NoArgsConstructor;

/** The report tables: periods of the timelines and the minimum counts that make a cell a finding. */
@Data
@NoArgsConstructor
public class ReportConfig implements ConfigSection {
    /** Timeline periods: week (starting Monday) or month. */
    private String period = "month";
    /** A cell with fewer documents than this is flagged low_count, not presented as a finding. */
    private int minDocs = 5;
    /** Example evidence sentences per narrative cell. */
    private int examples = 3;

    @Override
    public void validate(String prefix, ConfigErrors errors) {
        errors.oneOf(prefix + ".period", period, List.of("week", "month"));
        errors.atLeast(prefix + ".min_docs", minDocs, 1);
        errors.atLeast(prefix + ".examples", examples, 1);
    }
}
