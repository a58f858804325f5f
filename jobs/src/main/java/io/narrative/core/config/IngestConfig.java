package io.narrative.core.config;

import java.util.List;
import lombok.Data;
import lombok.NoArgsConstructor;

/** How input records become documents. */
@Data
@NoArgsConstructor
public class IngestConfig implements ConfigSection {
    private FieldMapping fields = new FieldMapping();
    /** Patterns (java.time) tried in order after ISO-8601 for the published field. */
    private List<String> dateFormats = List.of(
            "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy/MM/dd", "d-MMM-yyyy HH:mm:ss.SS",
            "d-MMM-yyyy HH:mm:ss", "d-MMM-yyyy", "EEE, d MMM yyyy HH:mm:ss zzz", "d MMM yyyy", "MMMM d, yyyy",
            "dd.MM.yyyy", "dd/MM/yyyy");
    /** Languages the job analyses; anything else is labelled "other". */
    private List<String> languages = List.of("en", "ar", "ru", "tr");
    /**
     * Languages the detector also knows so that text in them is labelled "other" instead of being forced
     * into the nearest analysed language.
     */
    private List<String> otherLanguages = List.of("fr", "de", "es", "it", "pt", "nl", "fa", "ur", "uk", "az", "zh");
    /** Paragraphs with fewer letters than this take the document's language instead of their own guess. */
    private int languageMinLetters = 20;
    /** Documents longer than this after cleaning are rejected. */
    private int maxChars = 1_000_000;
    /** A single record (text file, JSON line, CSV row) larger than this is rejected without being read whole. */
    private long maxRecordBytes = 16L * 1024 * 1024;
    /** A compressed file may expand to at most this many bytes; the rest is rejected, not read. */
    private long maxDecompressedBytes = 4L * 1024 * 1024 * 1024;
    /** Tried in order for files that are not valid UTF-8 and carry no byte-order mark. */
    private List<String> fallbackCharsets = List.of("windows-1256", "windows-1251", "windows-1254", "windows-1252");
    /**
     * Longest wait for the next bytes of an input file; a read stalled longer (a hung network mount, an
     * object store that stopped answering) ends that file as a read_timeout reject.
     */
    private int readTimeoutSeconds = 120;
    /** Characters of a rejected record kept in rejects.excerpt. */
    private int excerptChars = 300;
    /** Field delimiter of .csv files (.tsv files always use a tab). */
    private String csvDelimiter = ",";
    private BoilerplateConfig boilerplate = new BoilerplateConfig();
    private DuplicatesConfig duplicates = new DuplicatesConfig();

    @Override
    public void validate(String prefix, ConfigErrors errors) {
        fields.validate(prefix + ".fields", errors);
        errors.nonEmpty(prefix + ".date_formats", dateFormats);
        for (int i = 0; dateFormats != null && i < dateFormats.size(); i++) {
            try {
                java.time.format.DateTimeFormatter.ofPattern(dateFormats.get(i), java.util.Locale.ENGLISH);
            } catch (IllegalArgumentException e) {
                errors.add(prefix + ".date_formats[" + i + "]", dateFormats.get(i),
                        "a java.time pattern (" + e.getMessage() + ")");
            }
        }
        errors.nonEmpty(prefix + ".languages", languages);
        LanguageCodes.validate(prefix + ".languages", languages, errors);
        LanguageCodes.validate(prefix + ".other_languages", otherLanguages, errors);
        errors.atLeast(prefix + ".language_min_letters", languageMinLetters, 0);
        errors.atLeast(prefix + ".max_chars", maxChars, 1);
        errors.atLeast(prefix + ".max_record_bytes", maxRecordBytes, 1024);
        errors.atLeast(prefix + ".max_decompressed_bytes", maxDecompressedBytes, 1024);
        for (int i = 0; fallbackCharsets != null && i < fallbackCharsets.size(); i++) {
            String name = fallbackCharsets.get(i);
            if (!java.nio.charset.Charset.isSupported(name)) {
                errors.add(prefix + ".fallback_charsets[" + i + "]", name, "a charset name this JVM supports");
            }
        }
        errors.atLeast(prefix + ".read_timeout_seconds", readTimeoutSeconds, 1);
        errors.atLeast(prefix + ".excerpt_chars", excerptChars, 0);
        if (csvDelimiter == null || csvDelimiter.length() != 1) {
            errors.add(prefix + ".csv_delimiter", csvDelimiter, "a single character");
        }
        boilerplate.validate(prefix + ".boilerplate", errors);
        duplicates.validate(prefix + ".duplicates", errors);
    }

    public long readTimeoutMillis() {
        return readTimeoutSeconds * 1000L;
    }
}
