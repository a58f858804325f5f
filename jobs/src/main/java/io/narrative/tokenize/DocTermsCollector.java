package io.narrative.tokenize;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;

/**
 * Gathers each document's terms per language without a shuffle: the tokenizer emits a document's
 * sentences one after another in the same partition, and narrow transformations keep that order.
 */
final class DocTermsCollector implements MapPartitionsFunction<SentenceRecord, DocTermsRow> {
    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<DocTermsRow> call(Iterator<SentenceRecord> sentences) {
        return new Iterator<>() {
            private SentenceRecord pending;
            private Iterator<DocTermsRow> ready = List.<DocTermsRow>of().iterator();

            @Override
            public boolean hasNext() {
                while (!ready.hasNext() && (pending != null || sentences.hasNext())) {
                    ready = nextDocument().iterator();
                }
                return ready.hasNext();
            }

            @Override
            public DocTermsRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.next();
            }

            private List<DocTermsRow> nextDocument() {
                SentenceRecord first = pending != null ? pending : sentences.next();
                pending = null;
                Map<String, List<String>> termsByLang = new LinkedHashMap<>();
                termsByLang.computeIfAbsent(first.getLang(), k -> new ArrayList<>()).addAll(first.getTerms());
                while (sentences.hasNext()) {
                    SentenceRecord next = sentences.next();
                    if (!next.getDocId().equals(first.getDocId())) {
                        pending = next;
                        break;
                    }
                    termsByLang.computeIfAbsent(next.getLang(), k -> new ArrayList<>()).addAll(next.getTerms());
                }
                List<DocTermsRow> rows = new ArrayList<>();
                termsByLang.forEach((lang, terms) -> rows.add(new DocTermsRow(first.getDocId(), lang, terms,
                        terms.size())));
                return rows;
            }
        };
    }
}
