package io.narrative.core.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lombok.Data;
import lombok.NoArgsConstructor;

/** Sentences and terms per language. */
@Data
@NoArgsConstructor
public class TokenizeConfig implements ConfigSection {
    /** Also tokenize documents marked as duplicates (later stages skip them by default). */
    private boolean includeDuplicates = false;
    /** Stop words added to each language's Lucene list (matched on the lower-cased surface form). */
    private Map<String, List<String>> extraStopWords = defaultExtraStopWords();
    /** Terms shorter than this (in characters) are dropped. */
    private int minTermChars = 2;
    /** Drop terms that are only digits and punctuation (years, amounts). */
    private boolean dropNumbers = true;
    private PhrasesConfig phrases = new PhrasesConfig();

    private static Map<String, List<String>> defaultExtraStopWords() {
        Map<String, List<String>> words = new LinkedHashMap<>();
        // Reporting verbs and wire furniture that carry no topic; not tuned on any sample.
        words.put("en", List.of("said", "says", "say", "told", "reuter", "reuters", "also", "would", "could", "one",
                "two", "mr", "mrs", "ms", "pct", "per", "cent", "year", "years", "new", "last", "first", "may"));
        words.put("ar", List.of("قال", "وقال", "أن", "إن", "كان", "التي", "الذي", "وقد", "قد", "عن", "على"));
        words.put("ru", List.of("заявил", "сказал", "также", "это", "году", "года"));
        words.put("tr", List.of("dedi", "söyledi", "ifade", "etti", "yıl"));
        return words;
    }

    @Override
    public void validate(String prefix, ConfigErrors errors) {
        if (extraStopWords == null) {
            errors.add(prefix + ".extra_stop_words", null, "a mapping of language code to a list of words");
        } else {
            extraStopWords.forEach((lang, words) -> {
                if (!LanguageCodes.isIso6391(lang)) {
                    errors.add(prefix + ".extra_stop_words." + lang, lang, "an ISO 639-1 language code");
                }
                if (words == null) {
                    errors.add(prefix + ".extra_stop_words." + lang, null, "a list of words");
                }
            });
        }
        errors.atLeast(prefix + ".min_term_chars", minTermChars, 1);
        phrases.validate(prefix + ".phrases", errors);
    }
}
