package io.narrative.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextDecoderTest {
    private final TextDecoder decoder = new TextDecoder(List.of("windows-1256", "windows-1251", "windows-1254",
            "windows-1252"));

    @Test
    void decode_arabicInWindows1256_isRecognisedAndFlaggedAsFallback() {
        String arabic = "قال وزير الخارجية الروسي إن موسكو مستعدة للتعاون";
        byte[] bytes = arabic.getBytes(Charset.forName("windows-1256"));
        TextDecoder.Decoded decoded = decoder.decode(bytes, bytes.length).orElseThrow();
        assertEquals(arabic, decoded.text());
        assertEquals("windows-1256", decoded.charset().name());
        assertTrue(decoded.fallback());
    }

    @Test
    void decode_russianInWindows1251_isRecognised() {
        String russian = "Россия готова работать с США в Ливии, заявил Гатилов.";
        byte[] bytes = russian.getBytes(Charset.forName("windows-1251"));
        assertEquals(russian, decoder.decode(bytes, bytes.length).orElseThrow().text());
    }

    @Test
    void decode_utf16WithBom_isDecodedWithoutTheBom() {
        byte[] bytes = "\uFEFFAnkara and Moscow".getBytes(StandardCharsets.UTF_16LE);
        TextDecoder.Decoded decoded = decoder.decode(bytes, bytes.length).orElseThrow();
        assertEquals("Ankara and Moscow", decoded.text());
        assertFalse(decoded.fallback());
        assertTrue(TextDecoder.binaryKind(bytes, bytes.length).isEmpty(), "UTF-16 NUL bytes are not binary");
    }

    @Test
    void decode_symbolsInEveryCharset_isUndecodable() {
        byte[] bytes = new byte[64];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) new int[] {0x85, 0x86, 0x87, 0x89}[i % 4];
        }
        assertTrue(decoder.decode(bytes, bytes.length).isEmpty());
    }

    @Test
    void binaryKind_pngAndZipSignatures_areNamed() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0};
        byte[] zip = {'P', 'K', 3, 4, 20, 0, 0, 0};
        assertEquals("PNG image", TextDecoder.binaryKind(png, png.length).orElseThrow());
        assertEquals("zip archive", TextDecoder.binaryKind(zip, zip.length).orElseThrow());
    }
}
