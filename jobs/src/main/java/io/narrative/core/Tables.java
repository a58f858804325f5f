package io.narrative.core;

import java.util.List;

/** Names of the tables a run writes under its output directory; docs/tables.md describes each. */
public final class Tables {
    public static final String DOCUMENTS = "documents";
    public static final String REJECTS = "rejects";
    public static final String RUN_MANIFEST = "run_manifest";
    public static final String SENTENCES = "sentences";
    public static final String DOC_TERMS = "doc_terms";
    public static final String TERM_FORMS = "term_forms";
    public static final String TOPICS = "topics";
    public static final String TOPIC_TERMS = "topic_terms";
    public static final String DOC_TOPICS = "doc_topics";
    public static final String MENTIONS = "mentions";
    public static final String SENTENCE_STANCE = "sentence_stance";
    public static final String DOC_STANCE = "doc_stance";
    public static final String NARRATIVES = "narratives";
    /** e5's sentence vectors of the sentences the stance stage encoded, for the narratives stage to reuse. */
    public static final String SENTENCE_EMBEDDINGS = "sentence_embeddings";
    public static final String SENTENCE_NARRATIVES = "sentence_narratives";
    public static final String DOC_NARRATIVES = "doc_narratives";
    public static final String NARRATIVE_TIMELINE = "narrative_timeline";
    public static final String NARRATIVE_BY_SOURCE = "narrative_by_source";
    public static final String NARRATIVE_STANCE = "narrative_stance";
    public static final String STANCE_TIMELINE = "stance_timeline";
    public static final String STANCE_BY_SOURCE = "stance_by_source";
    public static final String TOPIC_TIMELINE = "topic_timeline";
    /** Fitted topic models, one folder per language, under models/. */
    public static final String TOPIC_MODELS = "models/topics";

    /** A stance model saved by train-stance, under its --output. */
    public static final String STANCE_MODEL = "models/stance";
    public static final String STANCE_HEAD = "models/stance-head.json";

    /** The readable copy of the manifest, beside the tables. */
    public static final String RUN_MANIFEST_JSON = "run_manifest.json";

    public static final List<String> ALL = List.of(DOCUMENTS, REJECTS, SENTENCES, DOC_TERMS, TERM_FORMS, TOPICS,
            TOPIC_TERMS, DOC_TOPICS, MENTIONS, SENTENCE_STANCE, DOC_STANCE, SENTENCE_EMBEDDINGS, SENTENCE_NARRATIVES,
            DOC_NARRATIVES, NARRATIVES, STANCE_TIMELINE, STANCE_BY_SOURCE, TOPIC_TIMELINE, NARRATIVE_TIMELINE,
            NARRATIVE_BY_SOURCE, NARRATIVE_STANCE, RUN_MANIFEST);

    private Tables() {
    }
}
