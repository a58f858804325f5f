package io.narrative.stance;

import static org.apache.spark.sql.functions.col;

import io.narrative.core.Columns;
import io.narrative.core.RunContext;
import io.narrative.core.StageJob;
import io.narrative.core.Tables;
import io.narrative.core.config.StanceConfig;
import io.narrative.core.io.TableStore;
import io.narrative.encoder.SharedModels;
import io.narrative.stance.lexicon.StanceResources;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Row;

/** Reads sentences, applies the {@link StanceStage}, writes mentions, sentence_stance and doc_stance. */
public final class StanceJob implements StageJob {
    @Override
    public String name() {
        return StanceStage.NAME;
    }

    /** With the encoder on: the model file and the head must be readable and well formed. */
    @Override
    public void preflight(RunContext context) {
        StanceConfig config = context.getConfig().getStance();
        if (config.usesEncoder()) {
            Configuration hadoop = context.getSpark().sparkContext().hadoopConfiguration();
            SharedModels.check(config.getEncoder().effectiveModel(), hadoop);
            StanceHead.load(config.getEncoder().getHead(), hadoop);
        }
    }

    @Override
    public Map<String, Long> run(RunContext context) {
        StanceConfig config = context.getConfig().getStance();
        Configuration hadoop = context.getSpark().sparkContext().hadoopConfiguration();
        StanceResources resources = StanceResources.load(config, hadoop);
        resources.warnings().forEach(context.getManifest()::warn);
        StanceStage stage;
        PipelineModel model = null;
        if (config.usesEncoder()) {
            stage = StanceStage.encoder(config, resources, StanceHead.load(config.getEncoder().getHead(), hadoop),
                    config.getEncoder().effectiveModel());
        } else {
            model = config.getModel().isBlank() ? null : StanceModel.load(config.getModel());
            stage = StanceStage.rules(config, resources, model);
        }
        TableStore store = context.getStore();
        StanceStage.Result result = stage.withSentenceVectors(context.getConfig().getNarratives().isEnabled())
                .apply(store.read(Tables.SENTENCES));
        try {
            store.write(Tables.MENTIONS, result.mentions());
            store.write(Tables.SENTENCE_STANCE, result.sentenceStance());
            store.write(Tables.DOC_STANCE, result.docStance());
            if (result.sentenceEmbeddings() != null) {
                store.write(Tables.SENTENCE_EMBEDDINGS, result.sentenceEmbeddings());
            } else {
                // a stale copy from an earlier run would be reused for sentences it does not describe
                store.remove(Tables.SENTENCE_EMBEDDINGS);
            }
        } finally {
            result.release();
        }
        for (Row r : store.read(Tables.DOC_STANCE).groupBy(Columns.TARGET, Columns.LABEL).count()
                .orderBy(col(Columns.TARGET), col(Columns.LABEL)).collectAsList()) {
            context.getManifest().count("stance." + r.getString(0) + "." + r.getString(1), r.getLong(2));
        }
        context.getManifest().getMetrics().put("stance.model", model == null ? 0.0 : 1.0);
        context.getManifest().getMetrics().put("stance.encoder", config.usesEncoder() ? 1.0 : 0.0);
        return store.rowCounts(Tables.MENTIONS, Tables.SENTENCE_STANCE, Tables.DOC_STANCE);
    }
}
