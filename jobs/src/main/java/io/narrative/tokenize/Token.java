package io.narrative.tokenize;

/**
 * One analysed token: its normalised term, the text it came from, its offsets in that text, and
 * whether a removed word (a stop word) stood between it and the previous token.
 */
public record Token(String term, String surface, int start, int end, boolean gapBefore) {
}
