package io.narrative.core.config;

import lombok.Data;
import lombok.NoArgsConstructor;

/**
 * The whole configuration of a run, read from one YAML file (conf/pipeline.yaml documents every key).
 * Defaults live in the field initialisers of each section; a config file only needs the keys it changes.
 */
@Data
@NoArgsConstructor
public class PipelineConfig implements ConfigSection {
    private RunConfig run = new RunConfig();
    private IngestConfig ingest = new IngestConfig();
    private TokenizeConfig tokenize = new TokenizeConfig();
    private TopicsConfig topics = new TopicsConfig();
    private StanceConfig stance = new StanceConfig();
    private NarrativesConfig narratives = new NarrativesConfig();
    private ReportConfig report = new ReportConfig();

    @Override
    public void validate(String prefix, ConfigErrors errors) {
        run.validate("run", errors);
        ingest.validate("ingest", errors);
        tokenize.validate("tokenize", errors);
        topics.validate("topics", errors);
        stance.validate("stance", errors);
        narratives.validate("narratives", errors);
        report.validate("report", errors);
    }
}
