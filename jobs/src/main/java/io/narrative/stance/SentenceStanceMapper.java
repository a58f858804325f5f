package io.narrative.stance;

import io.narrative.core.Columns;
import io.narrative.core.config.StanceConfig;
import io.narrative.stance.lexicon.StanceResources;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;

/** Scores the sentences of a partition with one {@link SentenceScorer}, made once per partition. */
final class SentenceStanceMapper implements MapPartitionsFunction<Row, SentenceStanceRow> {
    private final Broadcast<StanceResources> resources;
    private final StanceConfig config;

    SentenceStanceMapper(Broadcast<StanceResources> resources, StanceConfig config) {
        this.resources = resources;
        this.config = config;
    }

    @Override
    public Iterator<SentenceStanceRow> call(Iterator<Row> sentences) {
        SentenceScorer scorer = new SentenceScorer(resources.value(), config);
        return new Iterator<>() {
            private Iterator<SentenceStanceRow> pending = List.<SentenceStanceRow>of().iterator();

            @Override
            public boolean hasNext() {
                while (!pending.hasNext() && sentences.hasNext()) {
                    pending = score(scorer, sentences.next()).iterator();
                }
                return pending.hasNext();
            }

            @Override
            public SentenceStanceRow next() {
                hasNext();
                return pending.next();
            }
        };
    }

    private List<SentenceStanceRow> score(SentenceScorer scorer, Row sentence) {
        String lang = sentence.getAs(Columns.LANG);
        String text = sentence.getAs(Columns.TEXT);
        int offset = sentence.<Integer>getAs(Columns.CHAR_START);
        List<SentenceStanceRow> rows = new ArrayList<>();
        for (TargetStance stance : scorer.score(lang, text)) {
            SentenceStanceRow row = new SentenceStanceRow();
            row.setDocId(sentence.getAs(Columns.DOC_ID));
            row.setSentenceId(sentence.<Integer>getAs(Columns.SENTENCE_ID));
            row.setParagraphId(sentence.<Integer>getAs(Columns.PARAGRAPH_ID));
            row.setLang(lang);
            row.setTarget(stance.target());
            row.setScore(stance.score());
            row.setLabel(StanceLabels.label(stance.score(), config));
            row.setNMentions(stance.mentions().size());
            row.setEvidence(new ArrayList<>(stance.evidence()));
            stance.mentions().forEach(m -> row.getMentions()
                    .add(new MentionItem(m.alias(), offset + m.charStart(), offset + m.charEnd())));
            for (double f : stance.features()) {
                row.getFeatures().add(f);
            }
            row.setWindowTerms(new ArrayList<>(stance.windowTerms()));
            rows.add(row);
        }
        return rows;
    }
}
