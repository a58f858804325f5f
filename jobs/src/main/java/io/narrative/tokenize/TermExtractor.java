package io.narrative.tokenize;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/** Runs a Lucene analyzer over a piece of text and keeps the terms worth modelling. */
public final class TermExtractor {
    private final Analyzer analyzer;
    private final int minTermChars;
    private final boolean dropNumbers;

    public TermExtractor(Analyzer analyzer, int minTermChars, boolean dropNumbers) {
        this.analyzer = analyzer;
        this.minTermChars = minTermChars;
        this.dropNumbers = dropNumbers;
    }

    /** Tokens of {@code text[from, to)}, offsets relative to {@code text}. */
    public List<Token> tokens(String text, int from, int to) {
        List<Token> tokens = new ArrayList<>();
        String piece = text.substring(from, to);
        try (TokenStream stream = analyzer.tokenStream("text", piece)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            boolean gap = false;
            while (stream.incrementToken()) {
                gap |= increment.getPositionIncrement() > 1;
                String value = term.toString();
                if (value.length() < minTermChars || (dropNumbers && isNumber(value))) {
                    gap = true;
                    continue;
                }
                int start = from + offset.startOffset();
                int end = from + offset.endOffset();
                tokens.add(new Token(value, text.substring(start, end), start, end, gap || tokens.isEmpty()));
                gap = false;
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing text in memory cannot fail", e);
        }
        return tokens;
    }

    static boolean isNumber(String term) {
        for (int i = 0; i < term.length(); i++) {
            if (Character.isLetter(term.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
