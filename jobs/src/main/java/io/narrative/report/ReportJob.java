package io.narrative.report;

import io.narrative.core.RunContext;
import io.narrative.core.StageJob;
import io.narrative.core.Tables;
import io.narrative.core.io.TableStore;
import java.util.Map;

/**
 * Reads documents, doc_stance, doc_topics and topics and writes the four report tables; when the narratives
 * stage wrote doc_narratives, also the three narrative tables (else removes stale copies).
 */
public final class ReportJob implements StageJob {
    @Override
    public String name() {
        return ReportStage.NAME;
    }

    @Override
    public Map<String, Long> run(RunContext context) {
        TableStore store = context.getStore();
        ReportStage stage = new ReportStage(context.getConfig().getReport());
        ReportStage.Result result = stage.apply(
                store.read(Tables.DOCUMENTS), store.read(Tables.DOC_STANCE), store.read(Tables.DOC_TOPICS),
                store.read(Tables.TOPICS));
        store.write(Tables.NARRATIVES, result.narratives());
        store.write(Tables.STANCE_TIMELINE, result.stanceTimeline());
        store.write(Tables.STANCE_BY_SOURCE, result.stanceBySource());
        store.write(Tables.TOPIC_TIMELINE, result.topicTimeline());
        String[] narrativeTables = {Tables.NARRATIVE_TIMELINE, Tables.NARRATIVE_BY_SOURCE, Tables.NARRATIVE_STANCE};
        boolean narratives = store.exists(Tables.DOC_NARRATIVES);
        if (narratives) {
            ReportStage.NarrativeResult tables = stage.narrativeTables(store.read(Tables.DOCUMENTS),
                    store.read(Tables.DOC_NARRATIVES), store.read(Tables.DOC_STANCE));
            store.write(Tables.NARRATIVE_TIMELINE, tables.timeline());
            store.write(Tables.NARRATIVE_BY_SOURCE, tables.bySource());
            store.write(Tables.NARRATIVE_STANCE, tables.stance());
        } else {
            for (String table : narrativeTables) {
                store.remove(table);
            }
        }
        long undated = result.undatedStanceDocs().count();
        context.getManifest().count("report.undated_stance_docs", undated);
        if (undated > 0) {
            context.getManifest().warn("report: " + undated + " documents with stance have no date and are not in"
                    + " stance_timeline (they are in narratives and stance_by_source)");
        }
        java.util.Map<String, Long> rows = new java.util.LinkedHashMap<>(store.rowCounts(Tables.NARRATIVES,
                Tables.STANCE_TIMELINE, Tables.STANCE_BY_SOURCE, Tables.TOPIC_TIMELINE));
        if (narratives) {
            rows.putAll(store.rowCounts(narrativeTables));
        }
        return rows;
    }
}
