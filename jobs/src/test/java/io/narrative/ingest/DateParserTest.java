package io.narrative.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narrative.core.config.IngestConfig;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DateParserTest {
    private final DateParser parser = new DateParser(new IngestConfig().getDateFormats());

    @Test
    void parse_reutersTimestamp_upperCaseMonth() {
        assertEquals(LocalDate.of(1987, 2, 26), parser.parse("26-FEB-1987 15:01:01.79").orElseThrow());
    }

    @Test
    void parse_reutersTimestamp_singleDigitDay() {
        assertEquals(LocalDate.of(1987, 3, 1), parser.parse("1-MAR-1987 01:49:03.52").orElseThrow());
        assertEquals(LocalDate.of(2020, 2, 1), parser.parse("Sat, 1 Feb 2020 10:00:00 GMT").orElseThrow());
        assertEquals(LocalDate.of(2022, 5, 6), parser.parse("6 May 2022").orElseThrow());
    }

    @Test
    void parse_dateFollowedByMarkup_keepsTheDate() {
        assertEquals(LocalDate.of(1987, 3, 27), parser.parse("27-MAR-1987 00:02:59.13&#5;&#5;&#5;RM").orElseThrow());
        assertEquals(LocalDate.of(2022, 5, 16), parser.parse("16 May 2022 (updated)").orElseThrow());
    }

    @Test
    void parse_dateRunningIntoLettersOrDigits_isEmpty() {
        assertTrue(parser.parse("16 May 2022x").isEmpty());
        assertTrue(parser.parse("2022/05/16abc").isEmpty());
    }

    @Test
    void parse_saudiNewsNetTimestamp() {
        assertEquals(LocalDate.of(2015, 7, 21), parser.parse("2015-07-21 02:51:32").orElseThrow());
    }

    @Test
    void parse_isoForms() {
        assertEquals(LocalDate.of(2022, 5, 16), parser.parse("2022-05-16").orElseThrow());
        assertEquals(LocalDate.of(2022, 5, 16), parser.parse("2022-05-16T10:00:00Z").orElseThrow());
        assertEquals(LocalDate.of(2022, 5, 16), parser.parse("2022-05-16T10:00:00+03:00").orElseThrow());
    }

    @Test
    void parse_englishLongForm() {
        assertEquals(LocalDate.of(2022, 5, 16), parser.parse("May 16, 2022").orElseThrow());
    }

    @Test
    void parse_garbage_isEmpty() {
        assertTrue(parser.parse("last Tuesday").isEmpty());
        assertTrue(parser.parse("2022-13-45").isEmpty());
    }

    @Test
    void parse_dayThatDoesNotExist_isEmpty_notMovedToTheNearestDay() {
        assertTrue(parser.parse("31/02/2020").isEmpty());
        assertTrue(parser.parse("29.02.2021").isEmpty());
        assertTrue(parser.parse("31-APR-1987 10:00:00").isEmpty());
        assertTrue(parser.parse("February 30, 2020").isEmpty());
        assertTrue(parser.parse("2021-02-29").isEmpty());
        assertTrue(parser.parse("2021-02-29T10:00:00Z").isEmpty());
    }

    @Test
    void parse_leapDay_inALeapYear_isKept() {
        assertEquals(LocalDate.of(2020, 2, 29), parser.parse("29/02/2020").orElseThrow());
        assertEquals(LocalDate.of(2020, 2, 29), parser.parse("29-FEB-2020").orElseThrow());
        assertEquals(LocalDate.of(2020, 2, 29), parser.parse("Sat, 29 Feb 2020 10:00:00 GMT").orElseThrow());
    }

    @Test
    void parse_configuredPatterns_stillParseEveryDefaultForm() {
        assertEquals(LocalDate.of(2022, 5, 16), parser.parse("16.05.2022").orElseThrow());
        assertEquals(LocalDate.of(2022, 5, 16), parser.parse("2022/05/16").orElseThrow());
        assertEquals(LocalDate.of(2022, 5, 16), parser.parse("16 May 2022").orElseThrow());
        assertEquals(LocalDate.of(2022, 5, 16), parser.parse("2022-05-16 10:00:00").orElseThrow());
    }
}
