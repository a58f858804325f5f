package io.narrative.ingest;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.ca.CatalanAnalyzer;
import org.apache.lucene.analysis.cz.CzechAnalyzer;
import org.apache.lucene.analysis.da.DanishAnalyzer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.et.EstonianAnalyzer;
import org.apache.lucene.analysis.eu.BasqueAnalyzer;
import org.apache.lucene.analysis.fi.FinnishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.ga.IrishAnalyzer;
import org.apache.lucene.analysis.gl.GalicianAnalyzer;
import org.apache.lucene.analysis.hu.HungarianAnalyzer;
import org.apache.lucene.analysis.id.IndonesianAnalyzer;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.lt.LithuanianAnalyzer;
import org.apache.lucene.analysis.lv.LatvianAnalyzer;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.apache.lucene.analysis.ro.RomanianAnalyzer;
import org.apache.lucene.analysis.sv.SwedishAnalyzer;
import org.apache.lucene.analysis.tr.TurkishAnalyzer;

/**
 * Confirms, without Lingua, that a Latin-script paragraph is in a language Lingua already found in the same
 * document, by the share of that language's stop words (Lucene's lists) among its words.
 *
 * <p>Why: Lingua costs about 0.1-0.2 ms per call whatever the paragraph's length (its per-call work, not its
 * per-character work, dominates: Reuters' 64,148 long paragraphs take 11.4 s whole and 10.5 s cut to 200
 * characters), and most documents are in one language throughout. So each document pays for one Lingua call
 * per language it holds, and a paragraph goes to Lingua only when its stop words do not clearly say it is in
 * a language already seen.
 *
 * <p>Rule: at least {@value #MIN_HITS} stop words, at least {@value #MIN_SHARE} of the words (English news
 * paragraphs: median 0.29, 3% below 0.15), and at least {@value #MARGIN} times the share of every other
 * configured language that has a list (a French paragraph holds a few English "a" and "on"; a Portuguese
 * one, "a", "no", "as": about a tenth of its words, against a third in Portuguese's own list). A language
 * without a Lucene list (az among the default other languages) cannot compete: a Turkish-looking
 * Azerbaijani paragraph inside a Turkish document may be confirmed as Turkish.
 */
final class StopWordConfirmation {
    static final int MIN_HITS = 3;
    static final double MIN_SHARE = 0.15;
    static final double MARGIN = 2.0;
    private static final Map<String, Supplier<CharArraySet>> LISTS = Map.ofEntries(
            Map.entry("en", () -> EnglishAnalyzer.ENGLISH_STOP_WORDS_SET),
            Map.entry("tr", TurkishAnalyzer::getDefaultStopSet),
            Map.entry("fr", FrenchAnalyzer::getDefaultStopSet),
            Map.entry("de", GermanAnalyzer::getDefaultStopSet),
            Map.entry("es", SpanishAnalyzer::getDefaultStopSet),
            Map.entry("it", ItalianAnalyzer::getDefaultStopSet),
            Map.entry("pt", PortugueseAnalyzer::getDefaultStopSet),
            Map.entry("nl", DutchAnalyzer::getDefaultStopSet),
            Map.entry("ca", CatalanAnalyzer::getDefaultStopSet),
            Map.entry("cs", CzechAnalyzer::getDefaultStopSet),
            Map.entry("da", DanishAnalyzer::getDefaultStopSet),
            Map.entry("et", EstonianAnalyzer::getDefaultStopSet),
            Map.entry("eu", BasqueAnalyzer::getDefaultStopSet),
            Map.entry("fi", FinnishAnalyzer::getDefaultStopSet),
            Map.entry("ga", IrishAnalyzer::getDefaultStopSet),
            Map.entry("gl", GalicianAnalyzer::getDefaultStopSet),
            Map.entry("hu", HungarianAnalyzer::getDefaultStopSet),
            Map.entry("id", IndonesianAnalyzer::getDefaultStopSet),
            Map.entry("lt", LithuanianAnalyzer::getDefaultStopSet),
            Map.entry("lv", LatvianAnalyzer::getDefaultStopSet),
            Map.entry("ro", RomanianAnalyzer::getDefaultStopSet),
            Map.entry("sv", SwedishAnalyzer::getDefaultStopSet));

    /** The configured languages that have a list, and their lists (same order). */
    private final String[] codes;
    private final CharArraySet[] lists;

    StopWordConfirmation(Set<String> configured) {
        Map<String, CharArraySet> found = new TreeMap<>();
        for (String code : configured) {
            Supplier<CharArraySet> list = LISTS.get(code);
            if (list != null) {
                found.put(code, list.get());
            }
        }
        codes = found.keySet().toArray(String[]::new);
        lists = found.values().toArray(CharArraySet[]::new);
    }

    /** Whether the text's stop words clearly say it is in {@code language} (ISO 639-1). */
    boolean confirms(String text, String language) {
        int own = Arrays.asList(codes).indexOf(language);
        if (own < 0) {
            return false;
        }
        int[] hits = new int[codes.length];
        int words = 0;
        char[] word = new char[32];
        int length = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            if (Character.isLetter(c)) {
                if (length < word.length) {
                    // Unicode's locale-free mapping (I -> i, never Turkish ı): the stop lists are lower case
                    // already, and a capital I in a Turkish stop word is rare enough not to matter for a vote.
                    word[length] = Character.toLowerCase(c);
                }
                length++;
            } else if (length > 0) {
                words++;
                if (length <= word.length) {
                    for (int l = 0; l < lists.length; l++) {
                        if (lists[l].contains(word, 0, length)) {
                            hits[l]++;
                        }
                    }
                }
                length = 0;
            }
        }
        if (hits[own] < MIN_HITS || hits[own] < MIN_SHARE * words) {
            return false;
        }
        for (int l = 0; l < hits.length; l++) {
            if (l != own && hits[own] < MARGIN * hits[l]) {
                return false;
            }
        }
        return true;
    }
}
