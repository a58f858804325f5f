package io.narrative.stance.text;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a sentence into word and punctuation tokens with their offsets. A word is a run of letters,
 * marks and digits that may contain inner apostrophes and dots (Rusya'nın, U.S.); an abbreviation with inner
 * dots keeps its final dot (U.S.). Hyphens are tokens of their own, so "Russian-speaking" is three tokens
 * and can be named as an exception.
 */
public final class MatchTokenizer implements Serializable {
    private final TextNormalizer normalizer;

    public MatchTokenizer(TextNormalizer normalizer) {
        this.normalizer = normalizer;
    }

    public TextNormalizer normalizer() {
        return normalizer;
    }

    public List<WordToken> tokenize(String text) {
        List<WordToken> tokens = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            int c = text.codePointAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                i += Character.charCount(c);
                continue;
            }
            if (!isWordChar(c)) {
                int end = i + Character.charCount(c);
                tokens.add(token(text.substring(i, end), i, end, false));
                i = end;
                continue;
            }
            int end = wordEnd(text, i);
            tokens.add(token(text.substring(i, end), i, end, true));
            i = end;
        }
        return tokens;
    }

    private static int wordEnd(String text, int start) {
        int i = start;
        int n = text.length();
        boolean innerDot = false;
        while (i < n) {
            int c = text.codePointAt(i);
            if (isWordChar(c)) {
                i += Character.charCount(c);
                continue;
            }
            boolean joiner = c == '\'' || c == '’' || c == '.';
            if (joiner && i + 1 < n && isWordChar(text.codePointAt(i + 1))) {
                innerDot |= c == '.';
                i++;
                continue;
            }
            if (c == '.' && innerDot) {
                i++; // U.S. keeps its last dot
            }
            break;
        }
        return i;
    }

    private static boolean isWordChar(int c) {
        int type = Character.getType(c);
        return Character.isLetterOrDigit(c) || type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }

    private WordToken token(String text, int start, int end, boolean word) {
        String norm = normalizer.normalize(text);
        int apostrophe = norm.indexOf('\'');
        String suffix = apostrophe > 0 ? norm.substring(apostrophe + 1) : "";
        return new WordToken(text, word ? normalizer.forms(norm) : List.of(norm), suffix, start, end, word);
    }
}
