package io.narrative.ingest;

import io.narrative.core.config.IngestConfig;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.function.MapFunction;

/**
 * First step of the stage, per record: clean the text into paragraphs and the single-line attributes,
 * and pick the id (the record's own id, unchanged, else its locator).
 */
final class RecordCleaner implements MapFunction<RawRecord, IngestRecord> {
    private static final long serialVersionUID = 1L;
    private final int boilerplateMaxWords;

    RecordCleaner(IngestConfig config) {
        this.boilerplateMaxWords = config.getBoilerplate().getMaxWords();
    }

    @Override
    public IngestRecord call(RawRecord raw) {
        IngestRecord record = new IngestRecord();
        record.setInputIndex(raw.getInputIndex());
        record.setInputRoot(raw.getInputRoot());
        record.setInputPath(raw.getInputPath());
        record.setPosition(raw.getPosition());
        record.setDocId(raw.getId() == null || raw.getId().isBlank() ? raw.getLocator() : raw.getId());
        record.setFlags(new ArrayList<>(raw.getFlags()));
        if (raw.rejected()) {
            record.setReason(raw.getRejectReason());
            record.setDetail(raw.getRejectDetail());
            record.setExcerpt(raw.getExcerpt());
            return record;
        }
        record.setSource(TextCleaner.singleLine(raw.getSource()));
        record.setUrl(TextCleaner.singleLine(raw.getUrl()));
        record.setTitle(TextCleaner.singleLine(raw.getTitle()));
        record.setPublishedRaw(TextCleaner.singleLine(raw.getPublished()));
        record.setDeclaredLang(TextCleaner.singleLine(raw.getLang()));
        record.setText(raw.getText());
        List<String> paragraphs = TextCleaner.paragraphs(raw.getText());
        record.setParagraphs(paragraphs);
        Set<Long> keys = new LinkedHashSet<>();
        for (String paragraph : paragraphs) {
            if (ParagraphKey.words(paragraph) <= boilerplateMaxWords) {
                keys.add(ParagraphKey.of(paragraph));
            }
        }
        record.setShortParagraphKeys(new ArrayList<>(keys));
        return record;
    }
}
