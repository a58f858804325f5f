package io.narrative.core.config;

import lombok.Data;
import lombok.NoArgsConstructor;

/** Settings of the run as a whole. */
@Data
@NoArgsConstructor
public class RunConfig implements ConfigSection {
    /** Partitions of the document tables; 0 means twice Spark's default parallelism. */
    private int partitions = 0;
    /** Spark's own log level while the job runs. */
    private String sparkLogLevel = "WARN";

    @Override
    public void validate(String prefix, ConfigErrors errors) {
        errors.atLeast(prefix + ".partitions", partitions, 0);
        errors.oneOf(prefix + ".spark_log_level", sparkLogLevel,
                java.util.List.of("ALL", "DEBUG", "INFO", "WARN", "ERROR", "FATAL", "OFF"));
    }
}
