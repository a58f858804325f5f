package io.narrative.core;

import java.util.Map;

/**
 * A thin read-apply-write shell around one stage: it reads its input tables from the run's output
 * directory (or the input files, for ingest), applies the stage and writes the tables it produces.
 */
public interface StageJob {
    /** The stage name, also the CLI command that runs this job alone. */
    String name();

    /**
     * Checks what the job will need that the config names (model files, say) before any stage reads data,
     * so that a bad one fails the run at once rather than after an hour of ingest. Nothing by default.
     */
    default void preflight(RunContext context) {
    }

    /** Runs the job and returns the number of rows written per table. */
    Map<String, Long> run(RunContext context);
}
