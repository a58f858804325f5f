package io.narrative.ingest;

/** Bounded excerpts of rejected content, so a reject row never carries a whole bad record. */
final class Excerpts {
    private Excerpts() {
    }

    static String of(String text, int maxChars) {
        if (text == null) {
            return null;
        }
        String oneLine = text.replaceAll("\\p{Cntrl}", " ").strip();
        if (oneLine.length() <= maxChars) {
            return oneLine;
        }
        int end = maxChars;
        if (end > 0 && Character.isHighSurrogate(oneLine.charAt(end - 1))) {
            end--;
        }
        return oneLine.substring(0, end) + "…";
    }
}
