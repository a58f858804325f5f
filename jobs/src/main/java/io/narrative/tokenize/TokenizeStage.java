package io.narrative.tokenize;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.transform;

import io.narrative.core.Columns;
import io.narrative.core.SchemaCheck;
import io.narrative.core.SnakeCase;
import io.narrative.core.config.TokenizeConfig;
import java.util.Map;
import java.util.Set;
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
        if (config.getPhrases().isEnabled()) {
            JavaSparkContext context = JavaSparkContext.fromSparkContext(documents.sparkSession().sparkContext());
            for (int pass = 0; pass < config.getPhrases().getPasses(); pass++) {
                Map<String, Set<String>> learned = Phrases.learn(sentences, config.getPhrases());
                if (learned.isEmpty()) {
                    break;
                }
                learned.forEach((lang, set) -> phraseCounts.merge(lang, set.size(), Integer::sum));
                Broadcast<Map<String, Set<String>>> phrases = context.broadcast(learned);
                Dataset<SentenceRecord> merged = sentences.map((MapFunction<SentenceRecord, SentenceRecord>)
                        s -> Phrases.merge(s, phrases.value().get(s.getLang())), Encoders.bean(SentenceRecord.class))
                        .persist(StorageLevel.MEMORY_AND_DISK());
                merged.count();
                sentences.unpersist();
                sentences = merged;
            }
        }
        Dataset<Row> table = SnakeCase.table(sentences);
        Dataset<Row> sentenceTable = table.select(Columns.DOC_ID, Columns.SENTENCE_ID, Columns.PARAGRAPH_ID,
                Columns.LANG, Columns.TEXT, Columns.CHAR_START, Columns.CHAR_END, Columns.TERMS);
        Dataset<Row> docTerms = table.groupBy(Columns.DOC_ID, Columns.LANG)
                .agg(sort_array(collect_list(struct(col(Columns.SENTENCE_ID), col(Columns.TERMS)))).as("parts"))
                .withColumn(Columns.TERMS, flatten(transform(col("parts"), p -> p.getField(Columns.TERMS))))
                .withColumn(Columns.N_TOKENS, size(col(Columns.TERMS)))
                .select(Columns.DOC_ID, Columns.LANG, Columns.TERMS, Columns.N_TOKENS);
        Dataset<Row> termForms = table
                .select(col(Columns.LANG), explode(org.apache.spark.sql.functions.arrays_zip(col(Columns.TERMS),
                        col("surfaces"))).as("pair"))
                .select(col(Columns.LANG), col("pair." + Columns.TERMS).as(Columns.TERM),
                        col("pair.surfaces").as("surface"))
                .groupBy(Columns.LANG, Columns.TERM, "surface").count()
                .groupBy(Columns.LANG, Columns.TERM)
                .agg(max_by(col("surface"), struct(col("count"), col("surface"))).as(Columns.DISPLAY),
                        sum("count").as(Columns.COUNT));
        return new Result(sentenceTable, docTerms, termForms, phraseCounts, sentences);
    }
}
