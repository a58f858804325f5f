package io.narrative.tokenize;

import io.narrative.core.config.TokenizeConfig;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

/**
 * Splits each document into paragraphs (separated by a blank line in documents.text) and sentences,
 * and analyses every sentence with the analyzer of its paragraph's language. Offsets are into
 * documents.text. Analyzers are shared per JVM; splitters and extractors are made once per task.
 */
final class DocumentTokenizer implements MapPartitionsFunction<Row, SentenceRecord> {
    private static final long serialVersionUID = 1L;
    private static final String PARAGRAPH_SEPARATOR = "\n\n";
    private final TokenizeConfig config;

    DocumentTokenizer(TokenizeConfig config) {
        this.config = config;
    }

    @Override
    public Iterator<SentenceRecord> call(Iterator<Row> documents) {
        Map<String, SentenceSplitter> splitters = new ConcurrentHashMap<>();
        Map<String, TermExtractor> extractors = new ConcurrentHashMap<>();
        return new Iterator<>() {
            private Iterator<SentenceRecord> current = List.<SentenceRecord>of().iterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && documents.hasNext()) {
                    Row row = documents.next();
                    current = tokenize(row.getString(0), row.getString(1), row.getList(2), splitters, extractors)
                            .iterator();
                }
                return current.hasNext();
            }

            @Override
            public SentenceRecord next() {
                hasNext();
                return current.next();
            }
        };
    }

    List<SentenceRecord> tokenize(String docId, String text, List<String> paragraphLangs,
            Map<String, SentenceSplitter> splitters, Map<String, TermExtractor> extractors) {
        List<SentenceRecord> sentences = new ArrayList<>();
        int paragraphStart = 0;
        int paragraphId = 0;
        while (paragraphStart <= text.length()) {
            int paragraphEnd = text.indexOf(PARAGRAPH_SEPARATOR, paragraphStart);
            if (paragraphEnd < 0) {
                paragraphEnd = text.length();
            }
            String lang = paragraphId < paragraphLangs.size() ? paragraphLangs.get(paragraphId)
                    : paragraphLangs.isEmpty() ? "other" : paragraphLangs.get(paragraphLangs.size() - 1);
            SentenceSplitter splitter = splitters.computeIfAbsent(lang, SentenceSplitter::new);
            TermExtractor extractor = extractors.computeIfAbsent(lang, l -> new TermExtractor(
                    Analyzers.forLanguage(l, config.getExtraStopWords().getOrDefault(l, List.of())),
                    config.getMinTermChars(), config.isDropNumbers()));
            for (SentenceSplitter.Span span : splitter.split(text, paragraphStart, paragraphEnd)) {
                SentenceRecord sentence = new SentenceRecord();
                sentence.setDocId(docId);
                sentence.setSentenceId(sentences.size());
                sentence.setParagraphId(paragraphId);
                sentence.setLang(lang);
                sentence.setCharStart(span.start());
                sentence.setCharEnd(span.end());
                sentence.setText(text.substring(span.start(), span.end()));
                for (Token token : extractor.tokens(text, span.start(), span.end())) {
                    sentence.getTerms().add(token.term());
                    sentence.getSurfaces().add(token.surface());
                    sentence.getGaps().add(token.gapBefore());
                }
                sentences.add(sentence);
            }
            paragraphStart = paragraphEnd + PARAGRAPH_SEPARATOR.length();
            paragraphId++;
        }
        return sentences;
    }
}
