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
    /** Fitted topic models, one folder per language, under models/. */
    public static final String TOPIC_MODELS = "models/topics";

    /** The readable copy of the manifest, beside the tables. */
    public static final String RUN_MANIFEST_JSON = "run_manifest.json";

    public static final List<String> ALL = List.of(DOCUMENTS, REJECTS, SENTENCES, DOC_TERMS, TERM_FORMS, TOPICS,
            TOPIC_TERMS, DOC_TOPICS, RUN_MANIFEST);

    private Tables() {
    }
}
