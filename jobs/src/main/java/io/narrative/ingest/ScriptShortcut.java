package io.narrative.ingest;

import com.github.pemistahl.lingua.api.Language;
import java.lang.Character.UnicodeScript;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Settles a text's language from its letters alone when their script leaves one candidate, so that Lingua
 * (the largest single cost of ingest) never sees it.
 *
 * <p>A text qualifies when at least {@value #SCRIPT_SHARE} of its letters are in one script (a few Latin
 * letters of "NATO" or "CNN" in an Arabic paragraph do not count against it). Among the configured
 * languages (analysed and other), those Lingua writes in that script are the candidates:
 * <ul>
 *   <li>one candidate: the script settles it (Cyrillic when only ru is configured);</li>
 *   <li>several: settled only by a letter rule that tells one of them from every language Lingua knows in
 *   that script. Arabic: every Arabic-script letter is one of Arabic's own (U+0621-U+064A: the 28 letters,
 *   hamza forms, ta marbuta, alef maqsura, tatweel), none of the letters Persian and Urdu add (پ چ ژ گ ک ی
 *   ٹ ڈ ڑ ں ھ ہ ے...), and ta marbuta (ة) or alef maqsura (ى), which those languages rarely write, occurs.
 *   Russian: every Cyrillic letter is in the Russian alphabet (no і ї є ґ ў ј љ ә ө ү...) and ы or э, which
 *   Bulgarian, Serbian, Macedonian and Ukrainian lack, occurs.</li>
 * </ul>
 * Otherwise (Latin text with several Latin-script languages configured, mixed scripts) Lingua decides.
 */
final class ScriptShortcut {
    /** Share of a text's letters that must be in one script. */
    static final double SCRIPT_SHARE = 0.95;
    private static final UnicodeScript[] ALL_SCRIPTS = UnicodeScript.values();
    private static final int SCRIPT_COUNT = ALL_SCRIPTS.length;
    private static final Map<UnicodeScript, List<Language>> SCRIPTS = new EnumMap<>(Map.of(
            UnicodeScript.LATIN, Language.allWithLatinScript(),
            UnicodeScript.CYRILLIC, Language.allWithCyrillicScript(),
            UnicodeScript.ARABIC, Language.allWithArabicScript(),
            UnicodeScript.DEVANAGARI, Language.allWithDevanagariScript()));

    /** The language each script settles alone, or that a letter rule may settle; absent: Lingua decides. */
    private final Map<UnicodeScript, String> alone = new EnumMap<>(UnicodeScript.class);
    private final Map<UnicodeScript, LetterRule> ruled = new EnumMap<>(UnicodeScript.class);

    /** A language told from the others of its script by its alphabet and a letter it writes often. */
    private record LetterRule(String language, char first, char last, String extra, String markers) {
        boolean inAlphabet(int cp) {
            return (cp >= first && cp <= last) || extra.indexOf(cp) >= 0;
        }
    }

    private static final List<LetterRule> LETTER_RULES = List.of(
            new LetterRule("ar", '\u0621', '\u064A', "", "\u0629\u0649"),
            new LetterRule("ru", '\u0410', '\u044F', "ёЁ", "ыэЫЭ"));

    ScriptShortcut(Set<String> configured) {
        SCRIPTS.forEach((script, languages) -> {
            Set<String> candidates = new TreeSet<>();
            for (Language language : languages) {
                String code = language.getIsoCode639_1().name().toLowerCase(Locale.ROOT);
                if (configured.contains(code)) {
                    candidates.add(code);
                }
            }
            if (candidates.size() == 1) {
                alone.put(script, candidates.iterator().next());
            } else {
                LETTER_RULES.stream().filter(rule -> candidates.contains(rule.language())).findFirst()
                        .ifPresent(rule -> ruled.put(script, rule));
            }
        });
    }

    /** The language the text's letters settle, or null when Lingua must judge it. */
    String settle(CharSequence text) {
        int[] perScript = new int[SCRIPT_COUNT];
        int letters = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = Character.codePointAt(text, i);
            i += Character.charCount(cp);
            if (Character.isLetter(cp)) {
                letters++;
                perScript[UnicodeScript.of(cp).ordinal()]++;
            }
        }
        int top = 0;
        for (int s = 1; s < SCRIPT_COUNT; s++) {
            if (perScript[s] > perScript[top]) {
                top = s;
            }
        }
        if (letters == 0 || perScript[top] < SCRIPT_SHARE * letters) {
            return null;
        }
        UnicodeScript main = ALL_SCRIPTS[top];
        String language = alone.get(main);
        if (language != null) {
            return language;
        }
        LetterRule rule = ruled.get(main);
        return rule != null && follows(text, main, rule) ? rule.language() : null;
    }

    private static boolean follows(CharSequence text, UnicodeScript script, LetterRule rule) {
        boolean marker = false;
        for (int i = 0; i < text.length(); ) {
            int cp = Character.codePointAt(text, i);
            i += Character.charCount(cp);
            if (!Character.isLetter(cp) || UnicodeScript.of(cp) != script) {
                continue;
            }
            if (!rule.inAlphabet(cp)) {
                return false;
            }
            marker |= rule.markers().indexOf(cp) >= 0;
        }
        return marker;
    }
}
