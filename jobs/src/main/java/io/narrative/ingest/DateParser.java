package io.narrative.ingest;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Parses a published date: ISO-8601 dates and timestamps first, then the configured patterns, case
 * insensitively ({@code 26-FEB-1987 15:01:01.79}). Only the calendar date is kept.
 *
 * <p>Strict: a day that does not exist ({@code 31/02/2020}, {@code 2021-02-29}) is unparseable, never moved
 * to the nearest real day as java.time's default (smart) resolver would, so that the caller counts it.
 */
public final class DateParser {
    private final List<DateTimeFormatter> formats;

    public DateParser(List<String> patterns) {
        this.formats = patterns.stream()
                .map(p -> new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(p)
                        // yyyy is year-of-era: the strict resolver needs the era, which news dates never name
                        .parseDefaulting(ChronoField.ERA, 1)
                        .toFormatter(Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT))
                .toList();
    }

    public Optional<LocalDate> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.strip();
        Optional<LocalDate> iso = iso(text);
        if (iso.isPresent()) {
            return iso;
        }
        for (DateTimeFormatter format : formats) {
            try {
                TemporalAccessor parsed = format.parse(text);
                return Optional.of(LocalDate.from(parsed));
            } catch (java.time.DateTimeException e) {
                // try the next pattern
            }
        }
        return Optional.empty();
    }

    private static Optional<LocalDate> iso(String text) {
        try {
            if (text.length() == 10) {
                return Optional.of(LocalDate.parse(text));
            }
            return Optional.of(OffsetDateTime.parse(text).toLocalDate());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(ZonedDateTime.parse(text).toLocalDate());
            } catch (DateTimeParseException e2) {
                try {
                    return Optional.of(java.time.LocalDateTime.parse(text).toLocalDate());
                } catch (DateTimeParseException e3) {
                    return Optional.empty();
                }
            }
        }
    }
}
