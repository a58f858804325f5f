package io.narrative.core;

import java.util.List;

/** Names of the tables a run writes under its output directory; docs/tables.md describes each. */
public final class Tables {
    public static final String DOCUMENTS = "documents";
    public static final String REJECTS = "rejects";
    public static final String RUN_MANIFEST = "run_manifest";

    /** The readable copy of the manifest, beside the tables. */
    public static final String RUN_MANIFEST_JSON = "run_manifest.json";

    public static final List<String> ALL = List.of(DOCUMENTS, REJECTS, RUN_MANIFEST);

    private Tables() {
    }
}
