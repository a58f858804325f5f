package io.narrative.ingest;

import io.narrative.core.config.BoilerplateConfig;
import io.narrative.core.config.DuplicatesConfig;
import io.narrative.core.config.IngestConfig;
import io.narrative.core.io.SerializableHadoopConf;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;

/**
 * Ingest's per-record work without Spark: the same functions the stage calls (reader: decompression,
 * decoding, JSON parsing; cleaning; boilerplate keys; language identification, date parsing and hashing;
 * shingle hashing with the MinHash signature), in one thread, each step timed over the whole corpus.
 * Lives in the stage's package (in the benchmark module) to call its package-private steps.
 */
public final class BareIngest {
    /** Seconds per step, records read, documents built, and the language of each document. */
    public record Timings(Map<String, Double> seconds, long records, long documents, Map<String, Long> languages) {
        public double totalSeconds() {
            return seconds.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    /** Keeps the band keys alive so that the JIT cannot drop their computation. */
    static volatile long sink;

    private BareIngest() {
    }

    public static Timings run(IngestConfig config, List<String> inputs, Configuration conf, int limit) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        long start = System.nanoTime();
        List<RawRecord> raw = new ArrayList<>();
        FileRecordReader reader = new FileRecordReader(config, new SerializableHadoopConf(conf));
        for (InputFile file : InputLister.list(inputs, conf).files()) {
            Iterator<RawRecord> records = reader.call(file);
            while (records.hasNext() && raw.size() < limit) {
                raw.add(records.next());
            }
        }
        seconds.put("read (decompress, decode, parse)", elapsed(start));

        start = System.nanoTime();
        RecordCleaner cleaner = new RecordCleaner(config);
        List<IngestRecord> cleaned = new ArrayList<>(raw.size());
        for (RawRecord record : raw) {
            cleaned.add(cleaner.call(record));
        }
        Set<String> boilerplate = boilerplate(cleaned, config.getBoilerplate());
        seconds.put("clean + boilerplate keys", elapsed(start));

        start = System.nanoTime();
        DocumentBuilder builder = new DocumentBuilder(config, null);
        LanguageIdentifier languages = new LanguageIdentifier(config.getLanguages(), config.getOtherLanguages(),
                config.getLanguageMinLetters());
        DateParser dates = new DateParser(config.getDateFormats());
        Map<String, Long> perLanguage = new java.util.TreeMap<>();
        long documents = 0;
        for (IngestRecord record : cleaned) {
            if (!record.rejected()) {
                builder.build(record, languages, dates, boilerplate);
            }
            if (!record.rejected()) {
                documents++;
                perLanguage.merge(record.getLang(), 1L, Long::sum);
            }
        }
        seconds.put("build (language, date, hash)", elapsed(start));

        start = System.nanoTime();
        DuplicatesConfig duplicates = config.getDuplicates();
        long[] seeds = Shingles.seeds(duplicates.getBands() * duplicates.getRowsPerBand(), duplicates.getSeed());
        long keys = 0;
        for (IngestRecord record : cleaned) {
            if (!record.rejected()) {
                long[] signature = Shingles.signature(Shingles.of(record.getText(), duplicates.getShingleWords()),
                        seeds);
                for (int band = 0; band < duplicates.getBands(); band++) {
                    keys ^= Shingles.bandKey(signature, band, duplicates.getRowsPerBand());
                }
            }
        }
        seconds.put("shingles + MinHash", elapsed(start));
        sink ^= keys;
        return new Timings(seconds, raw.size(), documents, perLanguage);
    }

    /** Seconds spent in language identification alone, over the same documents (paragraphs kept by build). */
    public static double languageSeconds(IngestConfig config, List<String> inputs, Configuration conf, int limit) {
        FileRecordReader reader = new FileRecordReader(config, new SerializableHadoopConf(conf));
        RecordCleaner cleaner = new RecordCleaner(config);
        List<List<String>> paragraphs = new ArrayList<>();
        for (InputFile file : InputLister.list(inputs, conf).files()) {
            Iterator<RawRecord> records = reader.call(file);
            while (records.hasNext() && paragraphs.size() < limit) {
                IngestRecord record = cleaner.call(records.next());
                if (!record.rejected() && !record.getParagraphs().isEmpty()) {
                    paragraphs.add(record.getParagraphs());
                }
            }
        }
        LanguageIdentifier languages = new LanguageIdentifier(config.getLanguages(), config.getOtherLanguages(),
                config.getLanguageMinLetters());
        long start = System.nanoTime();
        for (List<String> document : paragraphs) {
            languages.identify(document);
        }
        return elapsed(start);
    }

    /** The stage's boilerplate rule (BoilerplateDetector) over records in memory. */
    private static Set<String> boilerplate(List<IngestRecord> records, BoilerplateConfig config) {
        if (!config.isEnabled()) {
            return Set.of();
        }
        Map<String, Long> docsPerSource = new HashMap<>();
        Map<String, Long> docsPerKey = new HashMap<>();
        for (IngestRecord record : records) {
            if (record.rejected()) {
                continue;
            }
            String source = record.getSource() == null ? "" : record.getSource();
            docsPerSource.merge(source, 1L, Long::sum);
            for (long key : record.getShortParagraphKeys()) {
                docsPerKey.merge(BoilerplateDetector.key(source, key), 1L, Long::sum);
            }
        }
        Set<String> keys = new HashSet<>();
        docsPerKey.forEach((key, n) -> {
            String source = key.substring(0, key.indexOf('\u0000'));
            if (n >= config.getMinDocs() && n >= docsPerSource.get(source) * config.getMinShare()) {
                keys.add(key);
            }
        });
        return keys;
    }

    private static double elapsed(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
