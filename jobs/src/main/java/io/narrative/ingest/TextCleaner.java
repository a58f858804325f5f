package io.narrative.ingest;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Cleans raw text into paragraphs: Unicode NFC, control and zero-width characters removed, whitespace
 * collapsed. Paragraphs are separated by blank lines; each other line is its own paragraph unless the
 * text is hard-wrapped (newswire at ~70 columns), in which case wrapped lines are joined back and an
 * indented line starts a new paragraph.
 *
 * <p>The cleaned document text is the paragraphs joined by a blank line, so every later offset refers
 * to that one string. Thread-safe and stateless.
 */
public final class TextCleaner {
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]|[\\u200B-\\u200D\\u2060\\uFEFF\\u00AD]");
    private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0\\u2000-\\u200A\\u202F\\u205F\\u3000]+");
    private static final Pattern LINE_BREAKS = Pattern.compile("\\r\\n?|[\\u2028\\u2029\\u0085]");
    public static final String PARAGRAPH_SEPARATOR = "\n\n";

    private TextCleaner() {
    }

    /** The text as clean paragraphs; empty when nothing but whitespace remains. */
    public static List<String> paragraphs(String raw) {
        if (raw == null) {
            return List.of();
        }
        String text = Normalizer.normalize(raw, Normalizer.Form.NFC);
        text = LINE_BREAKS.matcher(text).replaceAll("\n");
        text = CONTROL.matcher(text).replaceAll("");
        String[] lines = text.split("\n", -1);
        boolean wrapped = isHardWrapped(lines);
        List<String> paragraphs = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : lines) {
            boolean blank = line.isBlank();
            boolean indented = !blank && (line.startsWith("  ") || line.startsWith("\t"));
            if (blank || !wrapped || indented) {
                flush(current, paragraphs);
            }
            if (!blank) {
                if (current.length() > 0) {
                    current.append(' ');
                }
                current.append(line.strip());
            }
            if (!wrapped) {
                flush(current, paragraphs);
            }
        }
        flush(current, paragraphs);
        return paragraphs;
    }

    /** Cleans a single-line value such as a title: NFC, no control characters, single spaces. */
    public static String singleLine(String raw) {
        if (raw == null) {
            return null;
        }
        String text = CONTROL.matcher(Normalizer.normalize(raw, Normalizer.Form.NFC)).replaceAll("");
        text = SPACES.matcher(text).replaceAll(" ").strip();
        return text.isEmpty() ? null : text;
    }

    public static String join(List<String> paragraphs) {
        return String.join(PARAGRAPH_SEPARATOR, paragraphs);
    }

    private static void flush(StringBuilder current, List<String> paragraphs) {
        if (current.length() > 0) {
            String paragraph = SPACES.matcher(current).replaceAll(" ").strip();
            if (!paragraph.isEmpty()) {
                paragraphs.add(paragraph);
            }
            current.setLength(0);
        }
    }

    /**
     * Hard-wrapped text has many lines, nearly all at most 80 characters, most of them long (over 50):
     * a typewriter layout rather than one paragraph per line.
     */
    static boolean isHardWrapped(String[] lines) {
        int nonBlank = 0;
        int short80 = 0;
        int long50 = 0;
        for (String line : lines) {
            int length = line.strip().length();
            if (length == 0) {
                continue;
            }
            nonBlank++;
            if (length <= 80) {
                short80++;
            }
            if (length > 50) {
                long50++;
            }
        }
        return nonBlank >= 6 && short80 >= 0.95 * nonBlank && long50 >= 0.5 * nonBlank;
    }
}
