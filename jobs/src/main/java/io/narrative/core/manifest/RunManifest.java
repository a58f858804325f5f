package io.narrative.core.manifest;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lombok.Data;
import lombok.NoArgsConstructor;

/**
 * What a run did: when, with which versions and config, how the input reconciled, how long each stage
 * took, named counters (boilerplate removed, unparseable dates, duplicates) and warnings.
 */
@Data
@NoArgsConstructor
public class RunManifest {
    private String runId;
    private String command;
    private Timestamp startedAt;
    private Timestamp endedAt;
    private String status;
    private String projectVersion;
    private String sparkVersion;
    private String sparkMaster;
    private String configJson;
    private List<InputCount> inputs = new ArrayList<>();
    private List<StageMetric> stages = new ArrayList<>();
    private Map<String, Long> counters = new LinkedHashMap<>();
    /** Measured values such as topic coherence per language and k ("topics.en.k20.npmi"). */
    private Map<String, Double> metrics = new LinkedHashMap<>();
    private List<String> warnings = new ArrayList<>();

    public void count(String counter, long value) {
        counters.merge(counter, value, Long::sum);
    }

    public void metric(String name, double value) {
        metrics.put(name, value);
    }

    public void warn(String warning) {
        warnings.add(warning);
    }
}
