package io.narrative.tokenize;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;

import io.narrative.core.Columns;
import io.narrative.core.SchemaCheck;
import io.narrative.core.SnakeCase;
import io.narrative.core.config.TokenizeConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;

/**
 * The tokenize stage: documents in; sentences, terms per document and language, and display forms out.
 *
 * <p>Requires: documents (doc_id string, text string, paragraph_langs array&lt;string&gt;, duplicate_of
 * string). Produces: {@code sentences} (doc_id, sentence_id, paragraph_id, lang, text, char_start,
 * char_end, terms), {@code doc_terms} (doc_id, lang, terms, n_tokens: one row per document and language
 * present in it) and {@code term_forms} (lang, term, display, count).
 *
 * <p>Parameters ({@code tokenize.*}): include_duplicates (false), extra_stop_words, min_term_chars (2),
 * drop_numbers (true), phrases (enabled, min_count 5, threshold 0.5 NPMI, passes 2).
 */
public final class TokenizeStage {
    /** Occurrences of each (language, term, surface form) in a partition, counted before the shuffle. */
    private static Iterator<PairCount> countSurfaces(Iterator<SentenceRecord> sentences) {
        Map<PairCount, long[]> counts = new HashMap<>();
        while (sentences.hasNext()) {
            SentenceRecord s = sentences.next();
            for (int i = 0; i < s.getTerms().size(); i++) {
                counts.computeIfAbsent(new PairCount(s.getLang(), s.getTerms().get(i), s.getSurfaces().get(i), 0),
                        k -> new long[1])[0]++;
            }
        }
        List<PairCount> out = new ArrayList<>(counts.size());
        counts.forEach((key, n) -> out.add(new PairCount(key.getLang(), key.getFirst(), key.getSecond(), n[0])));
        return out.iterator();
    }

    public static final String NAME = "tokenize";
    static final SchemaCheck INPUT = SchemaCheck.forStage(NAME)
            .require(Columns.DOC_ID, DataTypes.StringType)
            .require(Columns.TEXT, DataTypes.StringType)
            .require(Columns.PARAGRAPH_LANGS, DataTypes.createArrayType(DataTypes.StringType))
            .require(Columns.DUPLICATE_OF, DataTypes.StringType);

    /** The three tables; {@code sentences} is persisted until {@link #release()}. */
    public record Result(Dataset<Row> sentences, Dataset<Row> docTerms, Dataset<Row> termForms,
            Map<String, Integer> phrasesPerLanguage, Dataset<SentenceRecord> cached) {
        public void release() {
            cached.unpersist();
        }
    }

    private final TokenizeConfig config;

    public TokenizeStage(TokenizeConfig config) {
        this.config = config;
    }

    public Result apply(Dataset<Row> documents) {
        INPUT.check(documents);
        Dataset<Row> input = config.isIncludeDuplicates() ? documents
                : documents.filter(col(Columns.DUPLICATE_OF).isNull());
        Dataset<SentenceRecord> sentences = input
                .select(Columns.DOC_ID, Columns.TEXT, Columns.PARAGRAPH_LANGS)
                .mapPartitions(new DocumentTokenizer(config), Encoders.bean(SentenceRecord.class))
                .persist(StorageLevel.MEMORY_AND_DISK());
        Map<String, Integer> phraseCounts = new java.util.TreeMap<>();
        List<Map<String, PhraseSet>> passes = new ArrayList<>();
        if (config.getPhrases().isEnabled()) {
            for (int pass = 0; pass < config.getPhrases().getPasses(); pass++) {
                Map<String, PhraseSet> learned = Phrases.learn(sentences, passes, config.getPhrases());
                if (learned.isEmpty()) {
                    break;
                }
                learned.forEach((lang, set) -> phraseCounts.merge(lang, set.size(), Integer::sum));
                passes.add(learned);
            }
        }
        if (!passes.isEmpty()) {
            Broadcast<List<Map<String, PhraseSet>>> phrases = JavaSparkContext
                    .fromSparkContext(documents.sparkSession().sparkContext()).broadcast(passes);
            Dataset<SentenceRecord> merged = sentences.map((MapFunction<SentenceRecord, SentenceRecord>)
                    s -> Phrases.mergeAll(s, phrases.value()), Encoders.bean(SentenceRecord.class))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            merged.count();
            sentences.unpersist();
            sentences = merged;
        }
        Dataset<Row> sentenceTable = SnakeCase.table(sentences, Columns.DOC_ID, Columns.SENTENCE_ID,
                Columns.PARAGRAPH_ID, Columns.LANG, Columns.TEXT, Columns.CHAR_START, Columns.CHAR_END, Columns.TERMS);
        Dataset<Row> docTerms = SnakeCase.table(sentences.mapPartitions(new DocTermsCollector(),
                Encoders.bean(DocTermsRow.class)), Columns.DOC_ID, Columns.LANG, Columns.TERMS, Columns.N_TOKENS);
        Dataset<Row> termForms = sentences.mapPartitions(TokenizeStage::countSurfaces, Encoders.bean(PairCount.class))
                .groupBy("lang", "first", "second").agg(sum("count").as("n"))
                .groupBy(col("lang").as(Columns.LANG), col("first").as(Columns.TERM))
                .agg(max_by(col("second"), struct(col("n"), col("second"))).as(Columns.DISPLAY),
                        sum("n").as(Columns.COUNT));
        return new Result(sentenceTable, docTerms, termForms, phraseCounts, sentences);
    }
}
