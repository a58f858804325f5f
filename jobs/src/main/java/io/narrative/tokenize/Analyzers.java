package io.narrative.tokenize;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.spark.ml.feature.StopWordsRemover;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tr.TurkishAnalyzer;

/**
 * Lucene analyzers per language: English (possessives, lower case, stop words, Porter stemming), Arabic
 * (normalisation of alef/hamza/teh marbuta/diacritics/tatweel, light prefix/suffix stemming, stop words),
 * Russian (lower case, stop words, Snowball), Turkish (apostrophe suffixes, Turkish lower case for İ/ı,
 * stop words, Snowball); any other language: standard tokenizer, lower case and accent folding.
 *
 * Stop words: Lucene's list for the language, Spark ML's default list where it has one, and
 * {@code tokenize.extra_stop_words}.
 *
 * <p>Analyzers are thread-safe and keep per-thread components, so one per language and stop-word list
 * is shared by every task of a JVM (executor).
 */
public final class Analyzers {
    private static final Map<String, Analyzer> CACHE = new ConcurrentHashMap<>();

    private Analyzers() {
    }

    /** The analyzer for {@code lang} with {@code extraStopWords} added to its default stop words. */
    public static Analyzer forLanguage(String lang, List<String> extraStopWords) {
        String key = lang + "\u0000" + String.join("\u0001", extraStopWords);
        return CACHE.computeIfAbsent(key, k -> create(lang, extraStopWords));
    }

    private static Analyzer create(String lang, List<String> extra) {
        return switch (lang) {
            case "en" -> new English(stopWords(EnglishAnalyzer.getDefaultStopSet(), "english", extra, Locale.ENGLISH));
            case "ar" -> new ArabicAnalyzer(stopWords(ArabicAnalyzer.getDefaultStopSet(), null, extra, Locale.ROOT));
            case "ru" -> new RussianAnalyzer(stopWords(RussianAnalyzer.getDefaultStopSet(), "russian", extra,
                    Locale.forLanguageTag("ru")));
            case "tr" -> new TurkishAnalyzer(stopWords(TurkishAnalyzer.getDefaultStopSet(), "turkish", extra,
                    Locale.forLanguageTag("tr")));
            default -> new FoldingAnalyzer();
        };
    }

    /**
     * Lucene's list (short: 33 English words, made for search), plus Spark ML's default list for the
     * language (pronouns and auxiliaries such as "his", "has", "we", which topic models must not see),
     * plus the configured extra words.
     */
    private static CharArraySet stopWords(CharArraySet defaults, String sparkList, List<String> extra, Locale locale) {
        CharArraySet set = new CharArraySet(defaults, true);
        if (sparkList != null) {
            set.addAll(java.util.Arrays.asList(StopWordsRemover.loadDefaultStopWords(sparkList)));
        }
        extra.forEach(word -> set.add(word.toLowerCase(locale)));
        return CharArraySet.unmodifiableSet(set);
    }

    /**
     * Lucene's EnglishAnalyzer chain (standard tokenizer, possessives, lower case, stop words, Porter)
     * with dotted acronyms kept whole ({@link AcronymFilter}).
     */
    static final class English extends Analyzer {
        private final CharArraySet stopWords;

        English(CharArraySet stopWords) {
            this.stopWords = stopWords;
        }

        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream result = new EnglishPossessiveFilter(source);
            result = new AcronymFilter(result);
            result = new LowerCaseFilter(result);
            result = new StopFilter(result, stopWords);
            result = new PorterStemFilter(result);
            return new TokenStreamComponents(source, result);
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return new LowerCaseFilter(in);
        }
    }

    /**
     * Standard tokenizer, lower case and accent folding, for languages without a dedicated analyzer.
     * (ICU folding would cover more scripts, but lucene-analysis-icu cannot load its data next to
     * Spark 4.1's icu4j.)
     */
    static final class FoldingAnalyzer extends Analyzer {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream result = new ASCIIFoldingFilter(new LowerCaseFilter(source));
            return new TokenStreamComponents(source, result);
        }
    }
}
