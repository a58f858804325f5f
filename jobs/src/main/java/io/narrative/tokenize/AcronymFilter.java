package io.narrative.tokenize;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;

/**
 * Keeps dotted acronyms whole: "U.S." and "U.N." become {@code u.s} and {@code u.n} (after lower-casing)
 * and are marked as keywords so a stemmer does not cut them to "u.". Other tokens pass unchanged.
 */
final class AcronymFilter extends TokenFilter {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);

    AcronymFilter(TokenStream input) {
        super(input);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!input.incrementToken()) {
            return false;
        }
        if (isDottedAcronym(term)) {
            if (term.charAt(term.length() - 1) == '.') {
                term.setLength(term.length() - 1);
            }
            keyword.setKeyword(true);
        }
        return true;
    }

    /** Single letters separated by full stops, at least two letters: U.S, U.S., e.g. */
    static boolean isDottedAcronym(CharSequence token) {
        int letters = 0;
        for (int i = 0; i < token.length(); i++) {
            boolean letter = Character.isLetter(token.charAt(i));
            boolean expectLetter = i % 2 == 0;
            if (letter != expectLetter || (!letter && token.charAt(i) != '.')) {
                return false;
            }
            if (letter) {
                letters++;
            }
        }
        return letters >= 2;
    }
}
