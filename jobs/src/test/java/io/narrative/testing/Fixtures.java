package io.narrative.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Small helpers to write input files for tests. */
public final class Fixtures {
    private Fixtures() {
    }

    public static Path write(Path dir, String name, String content) throws IOException {
        return write(dir, name, content.getBytes(StandardCharsets.UTF_8));
    }

    public static Path write(Path dir, String name, byte[] content) throws IOException {
        Path path = dir.resolve(name);
        Files.createDirectories(path.getParent());
        return Files.write(path, content);
    }

    public static byte[] gzip(String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    /** A JSON string literal. */
    public static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    /** Distinct filler prose of about {@code words} words, so documents are not duplicates of each other. */
    public static String prose(String topic, int words) {
        String[] vocabulary = {"officials", "said", "talks", "would", "continue", "next", "week", "in", "the",
            "capital", "while", "analysts", "expected", "little", "progress", "on", "trade", "security", "and",
            "energy", "after", "months", "of", "negotiations", "between", "delegations", "from", "both", "sides"};
        StringBuilder out = new StringBuilder(topic);
        long state = topic.hashCode();
        for (int i = 0; i < words; i++) {
            state = state * 6364136223846793005L + 1442695040888963407L;
            out.append(' ').append(vocabulary[(int) ((state >>> 33) % vocabulary.length)]);
            if (i % 15 == 14) {
                out.append('.');
            }
        }
        return out.append('.').toString();
    }
}
