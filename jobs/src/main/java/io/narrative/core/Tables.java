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

    /** The readable copy of the manifest, beside the tables. */
    public static final String RUN_MANIFEST_JSON = "run_manifest.json";

    public static final List<String> ALL = List.of(DOCUMENTS, REJECTS, SENTENCES, DOC_TERMS, TERM_FORMS, RUN_MANIFEST);

    private Tables() {
    }
}
