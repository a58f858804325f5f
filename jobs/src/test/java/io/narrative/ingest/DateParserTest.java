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
}
