package io.narrative.core;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** One line per stage when it starts and ends, on standard error, so a person can follow a run. */
public final class Progress {
    private final PrintStream out;

    public Progress(PrintStream out) {
        this.out = out;
    }

    public static Progress toStderr() {
        return new Progress(System.err);
    }

    public void started(String stage) {
        out.printf(Locale.ROOT, "[narrative] %s: started%n", stage);
    }

    public void finished(String stage, Duration elapsed, Map<String, Long> counts) {
        String countText = counts.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
        out.printf(Locale.ROOT, "[narrative] %s: done in %.1f s  %s%n", stage, elapsed.toMillis() / 1000.0, countText);
    }

    public void info(String message) {
        out.printf(Locale.ROOT, "[narrative] %s%n", message);
    }

    public static Duration since(Instant start) {
        return Duration.between(start, Instant.now());
    }
}
