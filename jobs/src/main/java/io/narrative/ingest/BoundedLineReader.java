package io.narrative.ingest;

import java.io.IOException;
import java.io.Reader;

/** Reads lines of at most a set length; a longer line is skipped to its end without being held in memory. */
final class BoundedLineReader {
    /** Returned for a line over the limit. */
    static final String TOO_LONG = new String("\u0000too long");

    private final Reader in;
    private final long maxChars;
    private final StringBuilder line = new StringBuilder();
    private long lineNumber;

    BoundedLineReader(Reader in, long maxChars) {
        this.in = in;
        this.maxChars = maxChars;
    }

    /** The line number of the line last returned (1-based). */
    long lineNumber() {
        return lineNumber;
    }

    /** The next line without its terminator, {@link #TOO_LONG}, or null at the end. */
    String readLine() throws IOException {
        line.setLength(0);
        boolean overflow = false;
        boolean any = false;
        int c;
        while ((c = in.read()) >= 0) {
            any = true;
            if (c == '\n') {
                break;
            }
            if (!overflow) {
                if (line.length() >= maxChars) {
                    overflow = true;
                    line.setLength(0);
                } else {
                    line.append((char) c);
                }
            }
        }
        if (!any) {
            return null;
        }
        lineNumber++;
        if (overflow) {
            return TOO_LONG;
        }
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
            line.setLength(end - 1);
        }
        return line.toString();
    }
}
