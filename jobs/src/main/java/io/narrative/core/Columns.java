package io.narrative.core;

/**
 * Column names of every table, in one place. Names are snake_case because the tables are read from
 * pandas and SQL.
 */
public final class Columns {
    // documents
    public static final String DOC_ID = "doc_id";
    public static final String INPUT_PATH = "input_path";
    public static final String POSITION = "position";
    public static final String SOURCE = "source";
    public static final String URL = "url";
    public static final String TITLE = "title";
    public static final String PUBLISHED = "published";
    public static final String LANG = "lang";
    public static final String LANG_SHARES = "lang_shares";
    public static final String PARAGRAPH_LANGS = "paragraph_langs";
    public static final String TEXT = "text";
    public static final String N_CHARS = "n_chars";
    public static final String CONTENT_HASH = "content_hash";
    public static final String DUPLICATE_OF = "duplicate_of";
    public static final String FLAGS = "flags";

    // sentences, doc_terms, term_forms
    public static final String SENTENCE_ID = "sentence_id";
    public static final String PARAGRAPH_ID = "paragraph_id";
    public static final String CHAR_START = "char_start";
    public static final String CHAR_END = "char_end";
    public static final String TERMS = "terms";
    public static final String N_TOKENS = "n_tokens";
    public static final String TERM = "term";
    public static final String DISPLAY = "display";
    public static final String COUNT = "count";

    // mentions, sentence_stance, doc_stance
    public static final String TARGET = "target";
    public static final String ALIAS = "alias";
    public static final String SCORE = "score";
    public static final String LABEL = "label";
    public static final String EVIDENCE = "evidence";
    public static final String N_MENTIONS = "n_mentions";
    public static final String CONFIDENCE = "confidence";
    public static final String P_AGAINST = "p_against";
    public static final String P_NEUTRAL = "p_neutral";
    public static final String P_FAVOR = "p_favor";
    public static final String EVIDENCE_SENTENCE_IDS = "evidence_sentence_ids";

    // report tables
    public static final String TOPIC_ID = "topic_id";
    public static final String TOPIC_LABEL = "topic_label";
    public static final String N_DOCS = "n_docs";
    public static final String MEAN_SCORE = "mean_score";
    public static final String SHARE_FAVOR = "share_favor";
    public static final String SHARE_AGAINST = "share_against";
    public static final String EXAMPLE_SENTENCE_IDS = "example_sentence_ids";
    public static final String PERIOD_START = "period_start";
    public static final String PREVALENCE = "prevalence";
    public static final String LOW_COUNT = "low_count";

    // rejects
    public static final String INPUT_ROOT = "input_root";
    public static final String REASON = "reason";
    public static final String DETAIL = "detail";
    public static final String EXCERPT = "excerpt";

    private Columns() {
    }
    public static final String EMBEDDING = "embedding";
    public static final String NARRATIVE_ID = "narrative_id";
    public static final String N_SENTENCES = "n_sentences";
    public static final String SHARE_OF_DOCS = "share_of_docs";
    public static final String N_DOCS_TOTAL = "n_docs_total";
}
