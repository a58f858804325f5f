package io.narrative.ingest;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import io.narrative.core.NarrativeException;
import io.narrative.core.config.LanguageCodes;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Language of each paragraph and the share of each language in a document, with Lingua restricted to the
 * configured languages plus a few "other" ones, in low-accuracy mode (trigram models: ~1 s and some
 * tens of MB to load, instead of 25 s and 1.4 GB with every language and model).
 *
 * <p>One detector per language set per JVM (executor), shared by all tasks: Lingua's detector is
 * thread-safe. Paragraphs with fewer than {@code minLetters} letters are too short to judge and take the
 * document's dominant language.
 *
 * <p>Before Lingua, {@link ScriptShortcut} settles text whose script leaves one configured language (Arabic
 * text among ar/fa/ur by Arabic's own letters, Russian among the Cyrillic ones); and text with too few
 * letters in words to tell a language by (tables of figures: "Shr 23 cts vs 18 cts / Net 509,144 vs
 * 277,834") is {@code other} instead of Lingua's guess from a few abbreviations.
 */
public final class LanguageIdentifier {
    private static final Map<Set<String>, LanguageDetector> DETECTORS = new ConcurrentHashMap<>();
    /** Lingua's guidance: below about 120 characters, low-accuracy mode is unreliable. */
    static final int RELIABLE_CHARS = 120;
    /**
     * The detector sees at most this many characters of a text (cut at a space): Lingua's cost grows with the
     * text's length while its accuracy is flat well below this (its guidance: reliable from about 120
     * characters), and it was the largest share of ingest's CPU time (JFR profile, docs/benchmarks.md).
     */
    static final int SAMPLE_CHARS = 600;
    /**
     * Fewer letters than this in words of at least {@value #WORD_LETTERS} letters and a text is too short to
     * tell: Lingua's trigram statistics come from words, and abbreviations and short function words (Shr, cts,
     * vs, Net, de, la) are shared across languages. 40 is a third of Lingua's reliable length (120 characters)
     * and about half of what 120 characters of ordinary prose hold in such words.
     */
    static final int TELLING_LETTERS = 40;
    static final int WORD_LETTERS = 4;
    /** A short paragraph keeps the document's language if its confidence is at least this share of the best. */
    static final double SHORT_PARAGRAPH_MARGIN = 0.5;

    private final Set<String> analysed;
    private final LanguageDetector detector;
    private final ScriptShortcut scripts;
    private final StopWordConfirmation stopWords;
    private final int minLetters;

    /** The result for one document. */
    public record Result(String dominant, Map<String, Double> shares, List<String> paragraphLangs) {
    }

    public LanguageIdentifier(List<String> languages, List<String> otherLanguages, int minLetters) {
        this.analysed = new LinkedHashSet<>(languages);
        Set<String> all = new LinkedHashSet<>(languages);
        all.addAll(otherLanguages);
        this.detector = DETECTORS.computeIfAbsent(Set.copyOf(all), LanguageIdentifier::build);
        this.scripts = new ScriptShortcut(all);
        this.stopWords = new StopWordConfirmation(all);
        this.minLetters = minLetters;
    }

    /** Fails fast, naming the config key, when Lingua does not know a configured language. */
    public static void checkSupported(List<String> codes, String key) {
        for (String code : codes) {
            isoCode(code, key);
        }
    }

    private static LanguageDetector build(Set<String> codes) {
        IsoCode639_1[] isoCodes = codes.stream().map(c -> isoCode(c, "ingest.languages")).toArray(IsoCode639_1[]::new);
        if (isoCodes.length < 2) {
            // Lingua needs two languages to choose between; with one, every paragraph is that language.
            return null;
        }
        return LanguageDetectorBuilder.fromIsoCodes639_1(isoCodes).withLowAccuracyMode().build();
    }

    private static IsoCode639_1 isoCode(String code, String key) {
        try {
            IsoCode639_1 iso = IsoCode639_1.valueOf(code.toUpperCase(Locale.ROOT));
            if (Language.getByIsoCode639_1(iso) == Language.UNKNOWN) {
                throw new IllegalArgumentException(code);
            }
            return iso;
        } catch (IllegalArgumentException e) {
            throw new NarrativeException("config key " + key + ": got '" + code
                    + "', expected a language the detector (Lingua 1.2) knows");
        }
    }

    public String detect(String text) {
        if (detector == null) {
            return analysed.iterator().next();
        }
        String sample = sample(text);
        String settled = settled(sample);
        return settled != null ? settled : code(detector.detectLanguageOf(sample));
    }

    /**
     * A paragraph's language within a document: settled by its script, else confirmed by its stop words as a
     * language Lingua already found in the document ({@code seen}, ISO codes, added to here), else Lingua's.
     */
    private String detect(String paragraph, List<String> seen) {
        if (detector == null) {
            return analysed.iterator().next();
        }
        String sample = sample(paragraph);
        String settled = settled(sample);
        if (settled != null) {
            return settled;
        }
        String confirmed = confirmed(sample, seen);
        if (confirmed != null) {
            return confirmed;
        }
        Language language = detector.detectLanguageOf(sample);
        if (language != Language.UNKNOWN) {
            String iso = language.getIsoCode639_1().name().toLowerCase(Locale.ROOT);
            if (!seen.contains(iso)) {
                seen.add(iso);
            }
        }
        return code(language);
    }

    private String confirmed(String text, List<String> seen) {
        for (String iso : seen) {
            if (stopWords.confirms(text, iso)) {
                return analysed.contains(iso) ? iso : LanguageCodes.OTHER;
            }
        }
        return null;
    }

    /** The language the text's script settles (mapped to the analysed set), or null. */
    private String settled(String text) {
        String code = scripts.settle(text);
        return code == null ? null : analysed.contains(code) ? code : LanguageCodes.OTHER;
    }

    /** The first {@value #SAMPLE_CHARS} characters of {@code text}, ending before a space when there is one. */
    static String sample(String text) {
        if (text.length() <= SAMPLE_CHARS) {
            return text;
        }
        int cut = text.lastIndexOf(' ', SAMPLE_CHARS);
        return text.substring(0, cut > SAMPLE_CHARS / 2 ? cut : SAMPLE_CHARS);
    }

    private String code(Language language) {
        if (language == Language.UNKNOWN) {
            return LanguageCodes.OTHER;
        }
        String code = language.getIsoCode639_1().name().toLowerCase(Locale.ROOT);
        return analysed.contains(code) ? code : LanguageCodes.OTHER;
    }

    /**
     * Detects long paragraphs first and takes the document's dominant language from them; a short
     * paragraph (under {@value #RELIABLE_CHARS} characters, where trigram statistics are weak) then keeps
     * the dominant language unless the detector clearly prefers another one.
     */
    public Result identify(List<String> paragraphs) {
        String[] langs = new String[paragraphs.size()];
        Map<String, Long> letters = new TreeMap<>();
        List<String> seen = new java.util.ArrayList<>();
        for (int i = 0; i < paragraphs.size(); i++) {
            String paragraph = paragraphs.get(i);
            if (paragraph.length() >= RELIABLE_CHARS && wordLetters(paragraph) >= TELLING_LETTERS) {
                langs[i] = detect(paragraph, seen);
                letters.merge(langs[i], (long) letters(paragraph), Long::sum);
            }
        }
        String whole = letters.isEmpty() ? detectWhole(paragraphs, seen) : null;
        // A document too short to tell has no paragraph that could be told either (each has fewer word letters).
        boolean untellable = letters.isEmpty() && whole == null;
        String dominant = untellable ? LanguageCodes.OTHER : whole != null ? whole : argmax(letters);
        for (int i = 0; i < paragraphs.size(); i++) {
            String paragraph = paragraphs.get(i);
            int count = letters(paragraph);
            if (langs[i] == null) {
                langs[i] = count >= minLetters && !untellable ? detectShort(paragraph, dominant, seen) : dominant;
                letters.merge(langs[i], (long) count, Long::sum);
            }
        }
        long total = letters.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Double> shares = new LinkedHashMap<>();
        letters.forEach((lang, count) -> {
            if (count > 0) {
                shares.put(lang, Math.round(1000.0 * count / total) / 1000.0);
            }
        });
        if (shares.isEmpty()) {
            shares.put(dominant, 1.0);
        }
        return new Result(argmax(letters), shares, java.util.Arrays.asList(langs));
    }

    /** The language of the whole text, or null when it has too few letters in words to tell. */
    private String detectWhole(List<String> paragraphs, List<String> seen) {
        String whole = String.join(" ", paragraphs);
        if (detector == null) {
            return letters(whole) == 0 ? LanguageCodes.OTHER : detect(whole);
        }
        String settled = settled(sample(whole));
        if (settled != null) {
            return settled;
        }
        return wordLetters(whole) < TELLING_LETTERS ? null : detect(whole, seen);
    }

    private String detectShort(String paragraph, String dominant, List<String> seen) {
        if (detector == null) {
            return dominant;
        }
        String settled = settled(paragraph);
        if (settled != null) {
            return settled;
        }
        String confirmed = confirmed(paragraph, seen);
        if (confirmed != null) {
            return confirmed;
        }
        Map<Language, Double> confidence = detector.computeLanguageConfidenceValues(paragraph);
        if (confidence.isEmpty()) {
            return dominant;
        }
        Map.Entry<Language, Double> top = confidence.entrySet().stream().max(Map.Entry.comparingByValue())
                .orElseThrow();
        double dominantConfidence = confidence.entrySet().stream()
                .filter(e -> code(e.getKey()).equals(dominant))
                .mapToDouble(Map.Entry::getValue).max().orElse(0.0);
        return dominantConfidence >= SHORT_PARAGRAPH_MARGIN * top.getValue() ? dominant : code(top.getKey());
    }

    private static String argmax(Map<String, Long> counts) {
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElse(LanguageCodes.OTHER);
    }

    /** Letters in runs of at least {@value #WORD_LETTERS} letters. */
    static int wordLetters(String text) {
        int count = 0;
        int run = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i < text.length() && Character.isLetter(text.charAt(i))) {
                run++;
            } else {
                count += run >= WORD_LETTERS ? run : 0;
                run = 0;
            }
        }
        return count;
    }

    static int letters(String text) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isLetter(text.charAt(i))) {
                count++;
            }
        }
        return count;
    }
}
