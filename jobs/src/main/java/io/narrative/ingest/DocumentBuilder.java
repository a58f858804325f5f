package io.narrative.ingest;

import io.narrative.core.config.IngestConfig;
import io.narrative.core.config.LanguageCodes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;

/**
 * Second per-record step: drop boilerplate paragraphs, reject empty and over-long texts, identify the
 * language per paragraph, parse the date and hash the content. One language detector and date parser
 * per partition.
 */
final class DocumentBuilder implements MapPartitionsFunction<IngestRecord, IngestRecord> {
    private static final long serialVersionUID = 1L;
    static final String FLAG_UNPARSEABLE_DATE = "unparseable_date";

    private final IngestConfig config;
    private final Broadcast<Set<String>> boilerplate;

    DocumentBuilder(IngestConfig config, Broadcast<Set<String>> boilerplate) {
        this.config = config;
        this.boilerplate = boilerplate;
    }

    @Override
    public java.util.Iterator<IngestRecord> call(java.util.Iterator<IngestRecord> records) {
        LanguageIdentifier languages = new LanguageIdentifier(config.getLanguages(), config.getOtherLanguages(),
                config.getLanguageMinLetters());
        DateParser dates = new DateParser(config.getDateFormats());
        Set<String> boilerplateKeys = boilerplate.value();
        return new java.util.Iterator<>() {
            @Override
            public boolean hasNext() {
                return records.hasNext();
            }

            @Override
            public IngestRecord next() {
                IngestRecord record = records.next();
                if (!record.rejected()) {
                    build(record, languages, dates, boilerplateKeys);
                }
                record.setParagraphs(null);
                record.setShortParagraphKeys(null);
                return record;
            }
        };
    }

    void build(IngestRecord record, LanguageIdentifier languages, DateParser dates, Set<String> boilerplateKeys) {
        List<String> kept = new ArrayList<>();
        int removed = 0;
        for (String paragraph : record.getParagraphs()) {
            if (!boilerplateKeys.isEmpty() && ParagraphKey.words(paragraph) <= config.getBoilerplate().getMaxWords()
                    && boilerplateKeys.contains(BoilerplateDetector.key(record.getSource(), ParagraphKey.of(paragraph)))) {
                removed++;
            } else {
                kept.add(paragraph);
            }
        }
        record.setBoilerplateRemoved(removed);
        String text = TextCleaner.join(kept);
        if (text.isEmpty()) {
            reject(record, RejectReason.EMPTY_TEXT, removed > 0 ? removed + " boilerplate paragraphs removed" : null);
            return;
        }
        if (text.length() > config.getMaxChars()) {
            reject(record, RejectReason.TOO_LONG, text.length() + " characters");
            return;
        }
        record.setText(text);
        record.setNChars(text.length());
        identifyLanguage(record, kept, languages);
        if (record.getPublishedRaw() != null) {
            dates.parse(record.getPublishedRaw()).ifPresentOrElse(record::setPublished,
                    () -> record.getFlags().add(FLAG_UNPARSEABLE_DATE));
        }
        record.setContentHash(contentHash(text));
    }

    private void identifyLanguage(IngestRecord record, List<String> paragraphs, LanguageIdentifier languages) {
        String declared = declaredLanguage(record.getDeclaredLang());
        if (declared != null) {
            record.setLang(declared);
            record.setLangShares(Map.of(declared, 1.0));
            record.setParagraphLangs(java.util.Collections.nCopies(paragraphs.size(), declared));
            return;
        }
        LanguageIdentifier.Result result = languages.identify(paragraphs);
        record.setLang(result.dominant());
        record.setLangShares(result.shares());
        record.setParagraphLangs(result.paragraphLangs());
    }

    /** A language the record declares ({@code en}, {@code en-US}, {@code AR}), mapped to the analysed set. */
    private String declaredLanguage(String value) {
        if (value == null) {
            return null;
        }
        String code = value.strip().toLowerCase(Locale.ROOT);
        if (code.length() > 2 && (code.charAt(2) == '-' || code.charAt(2) == '_')) {
            code = code.substring(0, 2);
        }
        if (!LanguageCodes.isIso6391(code)) {
            return null;
        }
        return config.getLanguages().contains(code) ? code : LanguageCodes.OTHER;
    }

    private void reject(IngestRecord record, RejectReason reason, String detail) {
        record.setReason(reason.code());
        record.setDetail(detail == null ? reason.description() : reason.description() + ": " + detail);
        record.setExcerpt(Excerpts.of(record.getText(), config.getExcerptChars()));
        record.setText(null);
    }

    /** SHA-256 of the text lower-cased with whitespace collapsed, first 128 bits in hex. */
    static String contentHash(String text) {
        String normal = text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normal.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
