package io.narrative.stance;

import io.narrative.core.Chunked;
import io.narrative.core.Columns;
import io.narrative.core.config.StanceConfig;
import io.narrative.core.io.SerializableHadoopConf;
import io.narrative.stance.lexicon.StanceResources;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;

/**
 * Scores the sentences of a partition: one {@link SentenceScorer} per partition finds the mentions and the
 * rule evidence; with the encoder on, the sentences that mention a target are encoded in chunks and the
 * head gives each target's probabilities, score P(favor) - P(against) and label (the likeliest class).
 */
final class SentenceStanceMapper implements MapPartitionsFunction<Row, SentenceStanceRow> {
    /** Sentences read per chunk: enough to batch the encoder's sequences by length. */
    static final int CHUNK = 512;

    private final Broadcast<StanceResources> resources;
    private final StanceConfig config;
    private final StanceHead head;
    private final String modelPath;
    private final SerializableHadoopConf hadoop;
    private final boolean withSentences;

    /**
     * {@code head} and {@code modelPath} are null for the rules; {@code withSentences}: the first row of each
     * encoded sentence also carries e5's vector of the sentence (for the narratives stage).
     */
    SentenceStanceMapper(Broadcast<StanceResources> resources, StanceConfig config, StanceHead head,
            String modelPath, SerializableHadoopConf hadoop, boolean withSentences) {
        this.resources = resources;
        this.config = config;
        this.head = head;
        this.modelPath = modelPath;
        this.hadoop = hadoop;
        this.withSentences = withSentences;
    }

    @Override
    public Iterator<SentenceStanceRow> call(Iterator<Row> sentences) {
        SentenceScorer scorer = new SentenceScorer(resources.value(), config);
        EncoderStance encoder = head == null ? null
                : EncoderStance.open(modelPath, hadoop.get(), head, config.getEncoder().getBatchTokens());
        return Chunked.flatMap(sentences, CHUNK, chunk -> score(scorer, encoder, chunk));
    }

    private List<SentenceStanceRow> score(SentenceScorer scorer, EncoderStance encoder, List<Row> chunk) {
        List<Row> mentioning = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<String> langs = new ArrayList<>();
        List<List<TargetStance>> stances = new ArrayList<>();
        for (Row sentence : chunk) {
            String text = sentence.getAs(Columns.TEXT);
            String lang = sentence.getAs(Columns.LANG);
            List<TargetStance> found = scorer.score(lang, text);
            if (!found.isEmpty()) {
                mentioning.add(sentence);
                texts.add(text);
                langs.add(lang);
                stances.add(found);
            }
        }
        EncoderStance.Scored scored = encoder == null || texts.isEmpty() ? null
                : encoder.score(texts, langs, stances, withSentences);
        List<SentenceStanceRow> rows = new ArrayList<>();
        for (int s = 0; s < mentioning.size(); s++) {
            for (int t = 0; t < stances.get(s).size(); t++) {
                SentenceStanceRow row = row(mentioning.get(s), stances.get(s).get(t), scored == null ? null
                        : scored.probabilities().get(s)[t]);
                if (t == 0 && scored != null && scored.sentences() != null) {
                    row.setEmbedding(scored.sentences()[s]);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private SentenceStanceRow row(Row sentence, TargetStance stance, double[] p) {
        int offset = sentence.<Integer>getAs(Columns.CHAR_START);
        SentenceStanceRow row = new SentenceStanceRow();
        row.setDocId(sentence.getAs(Columns.DOC_ID));
        row.setSentenceId(sentence.<Integer>getAs(Columns.SENTENCE_ID));
        row.setParagraphId(sentence.<Integer>getAs(Columns.PARAGRAPH_ID));
        row.setLang(sentence.getAs(Columns.LANG));
        row.setTarget(stance.target());
        if (p == null) {
            row.setScore(stance.score());
            row.setLabel(StanceLabels.label(stance.score(), config));
        } else {
            row.setScore(p[2] - p[0]);
            row.setLabel(EncoderStance.label(p));
            row.setPAgainst(p[0]);
            row.setPNeutral(p[1]);
            row.setPFavor(p[2]);
        }
        row.setNMentions(stance.mentions().size());
        row.setEvidence(new ArrayList<>(stance.evidence()));
        stance.mentions().forEach(m -> row.getMentions()
                .add(new MentionItem(m.alias(), offset + m.charStart(), offset + m.charEnd())));
        for (double f : stance.features()) {
            row.getFeatures().add(f);
        }
        row.setWindowTerms(new ArrayList<>(stance.windowTerms()));
        return row;
    }
}
