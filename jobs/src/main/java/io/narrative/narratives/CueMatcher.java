package io.narrative.narratives;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether a sentence names one of the narratives' cues, the rule that (with a target mention) makes it a
 * candidate worth encoding. Words are runs of letters and digits, compared case-folded (Turkish dotless ı
 * folded to i); a cue of several words matches them in a row; a word written with a trailing * matches any
 * word starting with the rest. An exception phrase that covers a cue's first word, wherever the phrase
 * starts ("West German*" for the cue West, "الضفه الغربيه" (the West Bank) for the cue الغربي*), makes that
 * occurrence no cue. Arabic words are compared without diacritics and tatweel, with alef forms, ta marbuta
 * and alef maqsura unified, and with their proclitics (و ف, then ب ك ل) removed, as in conf/targets.yaml.
 * The article ال is kept when a cue writes it: الغرب (the West) matches الغرب, والغرب, للغرب but not the
 * bare غرب of "غرب الرياض" (west of Riyadh); a cue written without it matches the word with or without it.
 */
public final class CueMatcher implements Serializable {
    /** Cues by their first word (when it is whole), and cues whose first word is a prefix. */
    private final Map<String, List<Cue>> byFirstWord = new HashMap<>();
    private final List<Cue> byPrefix = new ArrayList<>();
    /** Phrases in which a cue is not one ("West German", "West Bank"), by their first word, and by prefix. */
    private final Map<String, List<Cue>> exceptionsByFirstWord = new HashMap<>();
    private final List<Cue> exceptionsByPrefix = new ArrayList<>();
    /** The most words of any exception: how far before a cue an exception covering it can start. */
    private int longestException;

    /** A cue's words, each whole or a prefix (written with a trailing *). */
    private record Cue(String[] words, boolean[] prefix) implements Serializable {
        boolean wordMatches(int i, String word) {
            return prefix[i] ? word.startsWith(words[i]) : word.equals(words[i]);
        }
    }

    public CueMatcher(List<String> cues) {
        this(cues, List.of());
    }

    /** {@code exceptions}: phrases that, where one of their words is a cue's first word, make it no cue there. */
    public CueMatcher(List<String> cues, List<String> exceptions) {
        for (String raw : cues) {
            add(raw, byFirstWord, byPrefix);
        }
        for (String raw : exceptions) {
            longestException = Math.max(longestException, add(raw, exceptionsByFirstWord, exceptionsByPrefix));
        }
    }

    /** Adds one cue or exception; returns its number of words. */
    private static int add(String raw, Map<String, List<Cue>> byWord, List<Cue> prefixed) {
        List<String> parts = new ArrayList<>();
        List<Boolean> prefixes = new ArrayList<>();
        for (String part : raw.strip().split("\\s+")) {
            boolean prefix = part.endsWith("*");
            List<String> words = words(prefix ? part.substring(0, part.length() - 1) : part);
            for (int i = 0; i < words.size(); i++) {
                parts.add(words.get(i));
                prefixes.add(prefix && i == words.size() - 1);
            }
        }
        if (parts.isEmpty()) {
            return 0;
        }
        boolean[] prefix = new boolean[prefixes.size()];
        for (int i = 0; i < prefix.length; i++) {
            prefix[i] = prefixes.get(i);
        }
        Cue cue = new Cue(parts.toArray(new String[0]), prefix);
        if (prefix[0]) {
            prefixed.add(cue);
        } else {
            byWord.computeIfAbsent(parts.get(0), k -> new ArrayList<>()).add(cue);
        }
        return prefix.length;
    }

    public boolean isEmpty() {
        return byFirstWord.isEmpty() && byPrefix.isEmpty();
    }

    /** Whether {@code text} names any cue outside its exceptions. */
    public boolean matches(String text) {
        if (text == null || isEmpty()) {
            return false;
        }
        List<String> words = words(text);
        List<List<String>> forms = new ArrayList<>(words.size());
        for (String word : words) {
            forms.add(forms(word));
        }
        for (int w = 0; w < words.size(); w++) {
            if (longestStartingAt(byFirstWord, byPrefix, forms, w) > 0 && !inException(forms, w)) {
                return true;
            }
        }
        return false;
    }

    /** Whether an exception phrase starting at word w or before it reaches word w. */
    private boolean inException(List<List<String>> forms, int w) {
        for (int start = Math.max(0, w - longestException + 1); start <= w; start++) {
            if (start + longestStartingAt(exceptionsByFirstWord, exceptionsByPrefix, forms, start) > w) {
                return true;
            }
        }
        return false;
    }

    /** The number of words of the longest cue starting at word w, 0 when none does. */
    private static int longestStartingAt(Map<String, List<Cue>> byWord, List<Cue> prefixed,
            List<List<String>> forms, int w) {
        int longest = 0;
        for (String form : forms.get(w)) {
            for (Cue cue : prefixed) {
                if (cue.wordMatches(0, form) && followsFrom(cue, forms, w)) {
                    longest = Math.max(longest, cue.words().length);
                }
            }
            List<Cue> candidates = byWord.get(form);
            if (candidates != null) {
                for (Cue cue : candidates) {
                    if (followsFrom(cue, forms, w)) {
                        longest = Math.max(longest, cue.words().length);
                    }
                }
            }
        }
        return longest;
    }

    private static boolean followsFrom(Cue cue, List<List<String>> forms, int w) {
        if (w + cue.words().length > forms.size()) {
            return false;
        }
        for (int i = 1; i < cue.words().length; i++) {
            final int at = i;
            if (forms.get(w + i).stream().noneMatch(f -> cue.wordMatches(at, f))) {
                return false;
            }
        }
        return true;
    }

    /** Case-folded, normalised words of {@code text}. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (isArabicMark(c)) {
                continue;
            }
            if (Character.isLetterOrDigit(c)) {
                word.appendCodePoint(fold(c));
            } else if (word.length() > 0) {
                words.add(word.toString());
                word.setLength(0);
            }
        }
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }

    private static int fold(int c) {
        switch (c) {
            case 'ı', 'İ', 'I':
                return 'i';
            case 'أ', 'إ', 'آ', 'ٱ':
                return 'ا';
            case 'ة':
                return 'ه';
            case 'ى':
                return 'ي';
            default:
                return Character.toLowerCase(c);
        }
    }

    /** Harakat, shadda, sukun, superscript alef and tatweel: dropped before comparing. */
    private static boolean isArabicMark(int c) {
        return (c >= 0x064B && c <= 0x0652) || c == 0x0670 || c == 0x0640;
    }

    /**
     * A word and, for an Arabic word, the word without its proclitics, with and without its article: وللناتو
     * gives للناتو, الناتو (ل + ال is written لل) and ناتو, so that a cue that writes the article finds it.
     */
    private static List<String> forms(String word) {
        if (word.isEmpty() || !isArabic(word.charAt(0))) {
            return List.of(word);
        }
        List<String> forms = new ArrayList<>(4);
        forms.add(word);
        String w = word;
        if (w.length() > 3 && (w.charAt(0) == 'و' || w.charAt(0) == 'ف')) {
            w = w.substring(1);
            forms.add(w);
        }
        if (w.length() > 3 && (w.charAt(0) == 'ب' || w.charAt(0) == 'ك' || w.charAt(0) == 'ل')) {
            w = w.startsWith("لل") && w.length() > 4 ? "ال" + w.substring(2) : w.substring(1);
            forms.add(w);
        }
        String bare = stripArticle(w);
        if (!bare.equals(w)) {
            forms.add(bare);
        }
        return forms;
    }

    /** An Arabic word without the article ال, when enough of it is left. */
    private static String stripArticle(String word) {
        return word.length() > 4 && word.startsWith("ال") ? word.substring(2) : word;
    }

    private static boolean isArabic(char c) {
        return c >= 0x0600 && c <= 0x06FF;
    }
}
