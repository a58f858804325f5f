package io.narrative.ingest;

import java.text.ParsePosition;
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
 * insensitively ({@code 26-FEB-1987 15:01:01.79}). Only the calendar date is kept. A pattern may match the start of
 * the field when what follows cannot continue a date (see {@link #endsAtBoundary}).
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
            ParsePosition end = new ParsePosition(0);
            try {
                TemporalAccessor parsed = format.parse(text, end);
                if (endsAtBoundary(text, end.getIndex())) {
                    return Optional.of(LocalDate.from(parsed));
                }
            } catch (java.time.DateTimeException e) {
                // try the next pattern
            }
        }
        return Optional.empty();
    }

    /**
     * The pattern matched the whole field, or a start of it followed by text that cannot continue a date or
     * time (Reuters' "27-MAR-1987 00:02:59.13&#5;&#5;&#5;RM"); never a start followed by a letter or digit
     * ("2021-02-29T10:00:00Z" is not "2021-02-29T10:00:00" in some zone).
     */
    private static boolean endsAtBoundary(String text, int end) {
        return end == text.length() || !Character.isLetterOrDigit(text.codePointAt(end));
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
