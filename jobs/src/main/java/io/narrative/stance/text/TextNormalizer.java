package io.narrative.stance.text;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The normalisation shared by sentence tokens and by the patterns of targets, lexicons and cue words, so
 * that both sides compare equal: lower case with the language's Locale (Turkish İ/ı), Russian ё as е,
 * typographic apostrophes, and for Arabic the usual orthographic normalisation (alef and hamza seats, teh
 * marbuta, alef maqsura, diacritics, tatweel) with proclitics removed as extra forms.
 */
public final class TextNormalizer implements Serializable {
    private static final String[] ARABIC_CONJUNCTIONS = {"", "و", "ف"};
    private static final String[] ARABIC_PREPOSITIONS = {"", "ب", "ل", "ك"};

    private final String lang;
    private final Locale locale;

    public TextNormalizer(String lang) {
        this.lang = lang;
        this.locale = switch (lang) {
            case "tr" -> Locale.forLanguageTag("tr");
            case "az" -> Locale.forLanguageTag("az");
            default -> Locale.ROOT;
        };
    }

    public String lang() {
        return lang;
    }

    public String normalize(String text) {
        String lower = text.toLowerCase(locale).replace('’', '\'').replace('ʼ', '\'');
        if (lang.equals("ru")) {
            lower = lower.replace('ё', 'е');
        }
        return lang.equals("ar") ? arabic(lower) : lower;
    }

    /** Whether a word written with this text is capitalised, or written in a script without case. */
    public static boolean capitalised(String text) {
        int first = text.codePointAt(0);
        return Character.isUpperCase(first) || (!Character.isLowerCase(first) && Character.isLetter(first)
                && Character.toLowerCase(first) == Character.toUpperCase(first));
    }

    /** The forms of a normalised token that patterns are compared with; the first is the token itself. */
    List<String> forms(String norm) {
        List<String> forms = new ArrayList<>(4);
        forms.add(norm);
        int apostrophe = norm.indexOf('\'');
        if (apostrophe > 0) {
            forms.add(norm.substring(0, apostrophe));
        }
        if (lang.equals("ar")) {
            addWithoutProclitics(norm, forms);
        }
        return forms;
    }

    private static void addWithoutProclitics(String norm, List<String> forms) {
        for (String conjunction : ARABIC_CONJUNCTIONS) {
            if (!norm.startsWith(conjunction)) {
                continue;
            }
            String afterConjunction = norm.substring(conjunction.length());
            if (afterConjunction.startsWith("لل") && afterConjunction.length() > 3) {
                // li + al contracts to "lil": للكرملين is "to the Kremlin"
                addIfNew(forms, "ال" + afterConjunction.substring(2));
                addIfNew(forms, afterConjunction.substring(2));
            }
            for (String preposition : ARABIC_PREPOSITIONS) {
                if (!afterConjunction.startsWith(preposition)) {
                    continue;
                }
                String stem = afterConjunction.substring(preposition.length());
                if (stem.length() >= 2) {
                    addIfNew(forms, stem);
                }
                if (stem.startsWith("ال") && stem.length() >= 4) {
                    addIfNew(forms, stem.substring(2));
                }
            }
        }
    }

    private static void addIfNew(List<String> forms, String form) {
        if (!forms.contains(form)) {
            forms.add(form);
        }
    }

    private static String arabic(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case 'أ', 'إ', 'آ', 'ٱ' -> out.append('ا');
                case 'ة' -> out.append('ه');
                case 'ى' -> out.append('ي');
                case 'ـ' -> { } // tatweel
                default -> {
                    if (c < '\u064B' || c > '\u0652') {
                        if (c != '\u0670') {
                            out.append(c);
                        }
                    }
                }
            }
        }
        return out.toString();
    }
}
