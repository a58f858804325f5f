package io.narrative.core.manifest;

import java.util.LinkedHashMap;
import java.util.Map;
import lombok.AllArgsConstructor;
import lombok.Data;
import lombok.NoArgsConstructor;

/** How long a stage took and how many rows it wrote, per table. */
@Data
@NoArgsConstructor
@AllArgsConstructor
public class StageMetric {
    private String stage;
    private java.sql.Timestamp startedAt;
    private double elapsedSeconds;
    private Map<String, Long> rowCounts = new LinkedHashMap<>();
}
