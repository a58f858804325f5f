package io.narrative.ingest;

import java.util.Locale;

/** A 64-bit key (FNV-1a) of a paragraph's lower-cased text, used to find paragraphs that recur. */
final class ParagraphKey {
    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private ParagraphKey() {
    }

    static long of(String paragraph) {
        String text = paragraph.toLowerCase(Locale.ROOT);
        long hash = OFFSET;
        for (int i = 0; i < text.length(); i++) {
            hash ^= text.charAt(i);
            hash *= PRIME;
        }
        return hash;
    }

    static int words(String paragraph) {
        int count = 0;
        boolean inWord = false;
        for (int i = 0; i < paragraph.length(); i++) {
            boolean space = Character.isWhitespace(paragraph.charAt(i));
            if (!space && !inWord) {
                count++;
            }
            inWord = !space;
        }
        return count;
    }
}
