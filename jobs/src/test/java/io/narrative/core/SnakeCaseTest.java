package io.narrative.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SnakeCaseTest {
    @Test
    void of_camelCaseBeanProperties_becomeSnakeCase() {
        assertEquals("doc_id", SnakeCase.of("docId"));
        assertEquals("n_chars", SnakeCase.of("NChars"));
        assertEquals("lang_shares", SnakeCase.of("langShares"));
        assertEquals("text", SnakeCase.of("text"));
    }
}
