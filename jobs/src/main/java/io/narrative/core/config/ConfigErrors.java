package io.narrative.core.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** Collects validation failures, each naming the key, the value and what was expected. */
public final class ConfigErrors {
    private final List<String> messages = new ArrayList<>();

    public void add(String key, Object value, String expected) {
        messages.add(String.format(Locale.ROOT, "config key %s: got %s, expected %s", key, show(value), expected));
    }

    public void atLeast(String key, long value, long min) {
        if (value < min) {
            add(key, value, "a number >= " + min);
        }
    }

    /** A lower bound only; NaN fails too. */
    public void atLeast(String key, double value, double min) {
        if (!(value >= min)) {
            add(key, value, "a number >= " + min);
        }
    }

    public void between(String key, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            add(key, value, "a number from " + min + " to " + max);
        }
    }

    public void nonEmpty(String key, Collection<?> value) {
        if (value == null || value.isEmpty()) {
            add(key, value, "a non-empty list");
        }
    }

    public void oneOf(String key, String value, Collection<String> allowed) {
        if (value == null || !allowed.contains(value)) {
            add(key, value, "one of " + allowed);
        }
    }

    public List<String> messages() {
        return List.copyOf(messages);
    }

    private static String show(Object value) {
        return value instanceof String ? "'" + value + "'" : String.valueOf(value);
    }
}
