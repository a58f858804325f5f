package io.narrative.narratives;

import io.narrative.core.RunContext;
import io.narrative.core.StageJob;
import io.narrative.core.Tables;
import io.narrative.core.config.NarrativesConfig;
import io.narrative.core.io.TableStore;
import io.narrative.core.manifest.RunManifest;
import io.narrative.encoder.SharedModels;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Reads sentences, mentions and (when the stance stage wrote them) sentence_embeddings; embeds the
 * narratives' descriptions and examples on the driver; applies the {@link NarrativesStage}; writes
 * sentence_narratives and doc_narratives. With {@code narratives.enabled} false it removes both tables.
 */
public final class NarrativesJob implements StageJob {
    @Override
    public String name() {
        return NarrativesStage.NAME;
    }

    /** The definitions must parse and the encoder's model file must be readable before any data is read. */
    @Override
    public void preflight(RunContext context) {
        NarrativesConfig config = context.getConfig().getNarratives();
        if (config.isEnabled()) {
            Configuration hadoop = context.getSpark().sparkContext().hadoopConfiguration();
            NarrativeCatalog.load(config.getDefinitions(), hadoop);
            SharedModels.check(context.getConfig().getStance().getEncoder().effectiveModel(), hadoop);
        }
    }

    @Override
    public Map<String, Long> run(RunContext context) {
        NarrativesConfig config = context.getConfig().getNarratives();
        TableStore store = context.getStore();
        if (!config.isEnabled()) {
            store.remove(Tables.SENTENCE_NARRATIVES);
            store.remove(Tables.DOC_NARRATIVES);
            context.getManifest().warn("narratives: disabled (narratives.enabled false); no narrative tables");
            return Map.of();
        }
        Configuration hadoop = context.getSpark().sparkContext().hadoopConfiguration();
        NarrativeCatalog catalog = NarrativeCatalog.load(config.getDefinitions(), hadoop);
        NarrativeSpace space = NarrativeSpace.build(catalog,
                NarrativesStage.embedder(context.getConfig().getStance().getEncoder(), hadoop));
        Dataset<Row> embeddings = store.exists(Tables.SENTENCE_EMBEDDINGS) ? store.read(Tables.SENTENCE_EMBEDDINGS)
                : null;
        NarrativesStage.Result result = new NarrativesStage(config, catalog, space,
                context.getConfig().getStance().getEncoder())
                .apply(store.read(Tables.SENTENCES), store.read(Tables.MENTIONS), embeddings);
        try {
            store.write(Tables.SENTENCE_NARRATIVES, result.sentenceNarratives());
            store.write(Tables.DOC_NARRATIVES, result.docNarratives());
        } finally {
            result.release();
        }
        RunManifest manifest = context.getManifest();
        manifest.count("narratives.definitions", catalog.size());
        manifest.count("narratives.candidates_reused", result.reused().value());
        manifest.count("narratives.candidates_encoded", result.encoded().value());
        if (embeddings == null) {
            manifest.warn("narratives: no sentence_embeddings from the stance stage (stance.scorer rules?): every"
                    + " candidate sentence was encoded by the narratives stage");
        }
        return store.rowCounts(Tables.SENTENCE_NARRATIVES, Tables.DOC_NARRATIVES);
    }
}
