package io.narrative.core;

import io.narrative.core.config.PipelineConfig;
import io.narrative.core.io.TableStore;
import io.narrative.core.manifest.RunManifest;
import java.util.List;
import lombok.Builder;
import lombok.Getter;
import org.apache.spark.sql.SparkSession;

/** What a job needs to run: the session, the config, where the tables live and the manifest to report to. */
@Getter
@Builder
public final class RunContext {
    private final SparkSession spark;
    private final PipelineConfig config;
    private final TableStore store;
    private final RunManifest manifest;
    private final Progress progress;
    /** The {@code --input} paths, for the ingest job. */
    private final List<String> inputs;
    /** Saved topic models to apply instead of fitting ({@code --topic-model}); null to fit. */
    private final String topicModelDir;

    /** Partitions for document-sized data: run.partitions, or twice the default parallelism. */
    public int partitions() {
        int configured = config.getRun().getPartitions();
        return configured > 0 ? configured : Math.max(2, 2 * spark.sparkContext().defaultParallelism());
    }
}
