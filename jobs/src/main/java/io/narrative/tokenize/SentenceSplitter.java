package io.narrative.tokenize;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Splits a paragraph into sentences by rule, per language.
 *
 * <p>A sentence ends at {@code ! ? …} (and Arabic {@code ؟ ؛}) and at a full stop, except when the full
 * stop ends a known abbreviation of the language ("Mr.", "Gen.", "No. 1"), an initial or dotted
 * acronym ("J. Smith", "U.S."), a number ("3.5"), or is followed by a lower-case letter, a digit or
 * a comma. Closing quotes and brackets after the end stay with the sentence. Offsets are into the
 * string given. Thread-safe.
 */
public final class SentenceSplitter {
    /** A sentence as a half-open character range. */
    public record Span(int start, int end) {
    }

    private static final Map<String, Set<String>> ABBREVIATIONS = new ConcurrentHashMap<>();
    private static final String CLOSERS = "\"'”’»)]}›";

    private final Set<String> abbreviations;
    private final Locale locale;

    public SentenceSplitter(String lang) {
        this.abbreviations = ABBREVIATIONS.computeIfAbsent(lang, SentenceSplitter::load);
        this.locale = Locale.forLanguageTag(lang);
    }

    public List<Span> split(String text, int from, int to) {
        List<Span> spans = new ArrayList<>();
        int start = skipSpace(text, from, to);
        int i = start;
        while (i < to) {
            char c = text.charAt(i);
            if (isTerminal(c) || (c == '.' && endsSentenceAt(text, i, to))) {
                int end = i + 1;
                while (end < to && (isTerminal(text.charAt(end)) || text.charAt(end) == '.')) {
                    end++;
                }
                while (end < to && CLOSERS.indexOf(text.charAt(end)) >= 0) {
                    end++;
                }
                if (end >= to || Character.isWhitespace(text.charAt(end))) {
                    spans.add(new Span(start, end));
                    start = skipSpace(text, end, to);
                    i = start;
                    continue;
                }
                i = end;
                continue;
            }
            i++;
        }
        int end = trimEnd(text, start, to);
        if (end > start) {
            spans.add(new Span(start, end));
        }
        return spans;
    }

    public List<Span> split(String text) {
        return split(text, 0, text.length());
    }

    private static boolean isTerminal(char c) {
        return c == '!' || c == '?' || c == '…' || c == '؟' || c == '؛' || c == '。';
    }

    /** Whether the full stop at {@code dot} ends a sentence. */
    private boolean endsSentenceAt(String text, int dot, int to) {
        int next = skipSpace(text, dot + 1, to);
        while (next < to && CLOSERS.indexOf(text.charAt(next)) >= 0) {
            next = skipSpace(text, next + 1, to);
        }
        if (next >= to) {
            return true;
        }
        if (next == dot + 1 && Character.isLetterOrDigit(text.charAt(next))) {
            return false; // "3.5", "U.S", "example.com"
        }
        char following = text.charAt(next);
        if (Character.isLowerCase(following) || Character.isDigit(following) || ",;:".indexOf(following) >= 0) {
            return false;
        }
        String word = wordBefore(text, dot);
        if (word.isEmpty()) {
            return true;
        }
        String lower = word.toLowerCase(locale);
        if (abbreviations.contains(lower)) {
            return false;
        }
        // An initial ("J.") or a dotted acronym ("U.S.", "U.N."): letters separated by full stops.
        return !(isInitial(word) || isDottedAcronym(word));
    }

    /** The run of letters and inner full stops right before {@code dot}. */
    private static String wordBefore(String text, int dot) {
        int i = dot;
        while (i > 0 && (Character.isLetter(text.charAt(i - 1)) || (text.charAt(i - 1) == '.' && i - 1 > 0
                && Character.isLetter(text.charAt(i - 2))))) {
            i--;
        }
        return text.substring(i, dot);
    }

    private static boolean isInitial(String word) {
        return word.length() == 1 && Character.isUpperCase(word.charAt(0));
    }

    private static boolean isDottedAcronym(String word) {
        String[] parts = word.split("\\.");
        if (parts.length < 2) {
            return false;
        }
        for (String part : parts) {
            if (part.length() != 1 || !Character.isLetter(part.charAt(0))) {
                return false;
            }
        }
        return true;
    }

    private static int skipSpace(String text, int i, int to) {
        while (i < to && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int trimEnd(String text, int start, int end) {
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    private static Set<String> load(String lang) {
        Set<String> words = new HashSet<>();
        InputStream in = SentenceSplitter.class.getResourceAsStream("abbreviations-" + lang + ".txt");
        if (in == null) {
            return words;
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                String word = line.strip();
                if (!word.isEmpty() && !word.startsWith("#")) {
                    words.add(word);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return words;
    }
}
