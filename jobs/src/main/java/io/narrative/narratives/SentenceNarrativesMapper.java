package io.narrative.narratives;

import io.narrative.core.Chunked;
import io.narrative.core.Columns;
import io.narrative.core.io.SerializableHadoopConf;
import io.narrative.encoder.SentenceEmbedder;
import io.narrative.encoder.SharedModels;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.LongAccumulator;

/**
 * Scores a partition's candidate sentences against every narrative. Two inputs: sentences with text and a
 * {@code mentioned} flag (a candidate when it mentions a target or names a cue; encoded here, in chunks,
 * by the executor's shared model), or sentence vectors the stance stage already computed (no text, no
 * encoder). Emits (doc_id, sentence_id, narrative_id, score) for every score of at least {@code minScore}.
 */
final class SentenceNarrativesMapper implements MapPartitionsFunction<Row, Row> {
    static final int CHUNK = 512;

    private final Broadcast<NarrativeSpace> space;
    private final Broadcast<CueMatcher> cues;
    private final double minScore;
    private final String modelPath;
    private final int batchTokens;
    private final SerializableHadoopConf hadoop;
    private final LongAccumulator candidates;

    /** For sentence vectors: no model is needed ({@code modelPath} null). */
    SentenceNarrativesMapper(Broadcast<NarrativeSpace> space, Broadcast<CueMatcher> cues, double minScore,
            String modelPath, int batchTokens, SerializableHadoopConf hadoop, LongAccumulator candidates) {
        this.space = space;
        this.cues = cues;
        this.minScore = minScore;
        this.modelPath = modelPath;
        this.batchTokens = batchTokens;
        this.hadoop = hadoop;
        this.candidates = candidates;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        NarrativeSpace narratives = space.value();
        if (modelPath == null) {
            return Chunked.flatMap(rows, CHUNK, chunk -> fromVectors(narratives, chunk));
        }
        SentenceEmbedder embedder = new SentenceEmbedder(SharedModels.get(modelPath, hadoop.get()), null, batchTokens);
        CueMatcher matcher = cues.value();
        return Chunked.flatMap(rows, CHUNK, chunk -> fromText(narratives, matcher, embedder, chunk));
    }

    private List<Row> fromVectors(NarrativeSpace narratives, List<Row> chunk) {
        List<Row> out = new ArrayList<>();
        for (Row row : chunk) {
            List<Float> values = row.getList(row.fieldIndex(Columns.EMBEDDING));
            float[] x = new float[values.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = values.get(i);
            }
            emit(narratives, row, x, out);
        }
        candidates.add(chunk.size());
        return out;
    }

    private List<Row> fromText(NarrativeSpace narratives, CueMatcher matcher, SentenceEmbedder embedder,
            List<Row> chunk) {
        List<Row> chosen = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (Row row : chunk) {
            String text = row.getAs(Columns.TEXT);
            Boolean mentioned = row.getAs(NarrativesStage.MENTIONED);
            if (Boolean.TRUE.equals(mentioned) || matcher.matches(text)) {
                chosen.add(row);
                texts.add(text);
            }
        }
        List<Row> out = new ArrayList<>();
        if (chosen.isEmpty()) {
            return out;
        }
        float[][] vectors = embedder.passages(texts);
        for (int s = 0; s < chosen.size(); s++) {
            emit(narratives, chosen.get(s), vectors[s], out);
        }
        candidates.add(chosen.size());
        return out;
    }

    private void emit(NarrativeSpace narratives, Row sentence, float[] x, List<Row> out) {
        double[] scores = narratives.scores(x);
        String docId = sentence.getAs(Columns.DOC_ID);
        int sentenceId = sentence.<Integer>getAs(Columns.SENTENCE_ID);
        for (int k = 0; k < scores.length; k++) {
            if (scores[k] >= minScore) {
                out.add(RowFactory.create(docId, sentenceId, narratives.id(k), scores[k]));
            }
        }
    }
}
