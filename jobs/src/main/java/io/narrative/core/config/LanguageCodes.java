package io.narrative.core.config;

import java.util.List;
import java.util.Set;

/** ISO 639-1 codes, the language identifiers used in every table. */
public final class LanguageCodes {
    /** The label for text in a language the run does not analyse. */
    public static final String OTHER = "other";

    private static final Set<String> ISO_639_1 = Set.of(java.util.Locale.getISOLanguages());

    private LanguageCodes() {
    }

    public static boolean isIso6391(String code) {
        return code != null && code.length() == 2 && ISO_639_1.contains(code);
    }

    static void validate(String key, List<String> codes, ConfigErrors errors) {
        if (codes == null) {
            errors.add(key, null, "a list of ISO 639-1 codes");
            return;
        }
        for (int i = 0; i < codes.size(); i++) {
            if (!isIso6391(codes.get(i))) {
                errors.add(key + "[" + i + "]", codes.get(i), "a lower-case ISO 639-1 language code such as en");
            }
        }
    }
}
