package io.narrative.stance.text;

import java.io.Serializable;
import org.apache.lucene.analysis.ar.ArabicStemmer;
import org.tartarus.snowball.SnowballStemmer;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.RussianStemmer;
import org.tartarus.snowball.ext.TurkishStemmer;

/**
 * Stems the window words a trained stance model sees, with Lucene's Snowball stemmers (English, Russian,
 * Turkish) and its Arabic light stemmer, so that "санкции / санкций / санкциями" are one feature. The
 * stemmers keep state, and a broadcast copy is shared by an executor's threads: one stemmer per thread.
 */
public final class TermStemmer implements Serializable {
    private final String lang;
    private transient volatile ThreadLocal<SnowballStemmer> snowball;
    private transient ArabicStemmer arabic;

    public TermStemmer(String lang) {
        this.lang = lang;
    }

    public String stem(String word) {
        if (lang.equals("ar")) {
            // Lucene's ArabicStemmer keeps no state between calls.
            if (arabic == null) {
                arabic = new ArabicStemmer();
            }
            char[] chars = word.toCharArray();
            return new String(chars, 0, arabic.stem(chars, chars.length));
        }
        SnowballStemmer stemmer = snowball();
        if (stemmer == null) {
            return word;
        }
        stemmer.setCurrent(word);
        stemmer.stem();
        return stemmer.getCurrent();
    }

    private SnowballStemmer snowball() {
        ThreadLocal<SnowballStemmer> local = snowball;
        if (local == null) {
            synchronized (this) {
                if (snowball == null) {
                    snowball = ThreadLocal.withInitial(() -> switch (lang) {
                        case "en" -> new EnglishStemmer();
                        case "ru" -> new RussianStemmer();
                        case "tr" -> new TurkishStemmer();
                        default -> null;
                    });
                }
                local = snowball;
            }
        }
        return local.get();
    }
}
