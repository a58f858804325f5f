package io.narrative.tokenize;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.sum;

import io.narrative.core.config.PhrasesConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Learns and applies multi-word terms. A pair of adjacent terms (no dropped word between them) of one
 * language becomes a phrase when it occurs at least {@code min_count} times and its normalised PMI,
 * {@code ln(p(ab) / (p(a) p(b))) / -ln(p(ab))}, reaches {@code threshold}. Only counts travel to the
 * driver, and only the phrases found (at most {@code max_phrases} per language) come back.
 */
final class Phrases {
    static final String JOINER = "_";

    private Phrases() {
    }

    /**
     * Phrase pairs per language, as "first second" keys, learned from the sentences after the phrases of
     * earlier passes ({@code earlier}, applied on the fly) have been joined.
     *
     * <p>Terms and pairs are counted as 64-bit hashes (language, term hash, second term's hash or
     * {@link #NO_SECOND}): a shuffle of longs instead of one concatenated string per term and pair. Only
     * the pairs that pass min_count and the NPMI threshold are named again, by a second pass over the
     * sentences, so that the ranking (NPMI, then the terms) and the phrases are those of the strings.
     */
    static Map<String, PhraseSet> learn(Dataset<SentenceRecord> sentences, List<Map<String, PhraseSet>> earlier,
            PhrasesConfig config) {
        // Persisted: the NPMI query reads the counts four times (pairs, both terms, totals), and the filters on
        // b push below the aggregation, so Spark would not reuse one exchange but count the sentences four times.
        Dataset<Row> counts = sentences.flatMap(termAndPairHashes(earlier), Encoders.row(HASHES))
                .groupBy("lang", "a", "b").count().withColumnRenamed("count", "n")
                .persist(StorageLevel.MEMORY_AND_DISK());
        List<Row> passing;
        try {
            passing = passingPairs(counts, config);
        } finally {
            counts.unpersist();
        }
        if (passing.isEmpty()) {
            return Map.of();
        }
        Map<Long, Double> npmiByPair = new HashMap<>();
        for (Row row : passing) {
            npmiByPair.put(pairKey(row.getString(0), row.getLong(1), row.getLong(2)), row.getDouble(3));
        }
        Set<Long> wanted = new HashSet<>(npmiByPair.keySet());
        List<Row> named = sentences.flatMap(pairsNamed(earlier, wanted), Encoders.row(NAMED)).distinct().collectAsList();
        Map<String, List<Row>> byLanguage = new TreeMap<>();
        for (Row row : named) {
            byLanguage.computeIfAbsent(row.getString(0), k -> new ArrayList<>()).add(row);
        }
        Map<String, PhraseSet> phrases = new HashMap<>();
        byLanguage.forEach((lang, rows) -> {
            rows.sort(Comparator.<Row>comparingDouble(r -> -npmiByPair.get(r.getLong(3)))
                    .thenComparing(r -> r.getString(1)).thenComparing(r -> r.getString(2)));
            PhraseSet kept = new PhraseSet();
            for (Row row : rows.subList(0, Math.min(rows.size(), config.getMaxPhrases()))) {
                kept.add(row.getString(1), row.getString(2));
            }
            phrases.put(lang, kept);
        });
        return phrases;
    }

    /** (lang, a, b, npmi) of the pairs that reach min_count and the NPMI threshold. */
    private static List<Row> passingPairs(Dataset<Row> counts, PhrasesConfig config) {
        Dataset<Row> unigrams = counts.filter(col("b").equalTo(NO_SECOND)).select("lang", "a", "n");
        Dataset<Row> totals = unigrams.groupBy("lang").agg(sum("n").as("total"));
        Dataset<Row> bigrams = counts.filter(col("b").notEqual(NO_SECOND).and(col("n").geq(config.getMinCount())))
                .select(col("lang"), col("a"), col("b"), col("n").as("n_ab"));
        Column pab = col("n_ab").divide(col("total"));
        Column npmi = log(pab.divide(col("n_a").divide(col("total")).multiply(col("n_b").divide(col("total")))))
                .divide(log(pab).multiply(-1));
        return bigrams
                .join(unigrams.toDF("lang", "a", "n_a"), new String[] {"lang", "a"})
                .join(unigrams.toDF("lang", "b", "n_b"), new String[] {"lang", "b"})
                .join(broadcast(totals), new String[] {"lang"})
                .filter(col("n_ab").lt(col("total")))
                .withColumn("npmi", npmi)
                .filter(col("npmi").geq(config.getThreshold()))
                .select("lang", "a", "b", "npmi")
                .collectAsList();
    }

    /** Marks a term's own count: no term hashes to it in practice (one chance in 2^64 per term). */
    static final long NO_SECOND = 0L;
    private static final StructType HASHES = new StructType().add("lang", DataTypes.StringType)
            .add("a", DataTypes.LongType).add("b", DataTypes.LongType);
    private static final StructType NAMED = new StructType().add("lang", DataTypes.StringType)
            .add("a", DataTypes.StringType).add("b", DataTypes.StringType).add("key", DataTypes.LongType);

    /**
     * Every term (lang, hash, {@link #NO_SECOND}) and every adjacent pair without a dropped word between
     * (lang, hash, hash). Spark's partial aggregation counts them before the shuffle and spills when a
     * partition has more distinct keys than memory (a hash map per partition did not, on 31k Arabic articles).
     */
    private static FlatMapFunction<SentenceRecord, Row> termAndPairHashes(List<Map<String, PhraseSet>> earlier) {
        return sentence -> {
            SentenceRecord s = mergeAll(sentence, earlier);
            List<String> terms = s.getTerms();
            List<Row> rows = new ArrayList<>(2 * terms.size());
            long previous = NO_SECOND;
            for (int i = 0; i < terms.size(); i++) {
                long hash = hash(terms.get(i));
                rows.add(RowFactory.create(s.getLang(), hash, NO_SECOND));
                if (i > 0 && !s.getGaps().get(i)) {
                    rows.add(RowFactory.create(s.getLang(), previous, hash));
                }
                previous = hash;
            }
            return rows.iterator();
        };
    }

    /** The wanted pairs as strings (lang, first, second, pair key), once per occurrence. */
    private static FlatMapFunction<SentenceRecord, Row> pairsNamed(List<Map<String, PhraseSet>> earlier,
            Set<Long> wanted) {
        return sentence -> {
            SentenceRecord s = mergeAll(sentence, earlier);
            List<String> terms = s.getTerms();
            List<Row> rows = new ArrayList<>();
            for (int i = 1; i < terms.size(); i++) {
                if (!s.getGaps().get(i)) {
                    long key = pairKey(s.getLang(), hash(terms.get(i - 1)), hash(terms.get(i)));
                    if (wanted.contains(key)) {
                        rows.add(RowFactory.create(s.getLang(), terms.get(i - 1), terms.get(i), key));
                    }
                }
            }
            return rows.iterator();
        };
    }

    /** 64-bit hash of a term: FNV-1a over its chars, then SplitMix64's finalizer; never {@link #NO_SECOND}. */
    static long hash(String term) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < term.length(); i++) {
            h = (h ^ term.charAt(i)) * 0x100000001b3L;
        }
        h = mix(h);
        return h == NO_SECOND ? 1L : h;
    }

    private static long pairKey(String lang, long a, long b) {
        return mix(mix(hash(lang) * 0x9e3779b97f4a7c15L + a) * 0x9e3779b97f4a7c15L + b);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Applies the phrases of every pass, in order. */
    static SentenceRecord mergeAll(SentenceRecord sentence, List<Map<String, PhraseSet>> passes) {
        SentenceRecord merged = sentence;
        for (Map<String, PhraseSet> pass : passes) {
            merged = merge(merged, pass.get(merged.getLang()));
        }
        return merged;
    }

    /** Joins learned pairs left to right: "united states" becomes one term "united_states". */
    static SentenceRecord merge(SentenceRecord sentence, PhraseSet phrases) {
        if (phrases == null || phrases.isEmpty() || sentence.getTerms().size() < 2) {
            return sentence;
        }
        List<String> in = sentence.getTerms();
        int i = 0;
        while (i + 1 < in.size() && (sentence.getGaps().get(i + 1) || !phrases.joins(in.get(i), in.get(i + 1)))) {
            i++;
        }
        if (i + 1 >= in.size()) {
            return sentence;
        }
        // The terms before the first phrase stay as they are.
        List<String> terms = new ArrayList<>(in.subList(0, i));
        List<String> surfaces = new ArrayList<>(sentence.getSurfaces().subList(0, i));
        List<Boolean> gaps = new ArrayList<>(sentence.getGaps().subList(0, i));
        while (i < in.size()) {
            if (i + 1 < in.size() && !sentence.getGaps().get(i + 1) && phrases.joins(in.get(i), in.get(i + 1))) {
                terms.add(in.get(i) + JOINER + in.get(i + 1));
                surfaces.add(sentence.getSurfaces().get(i) + " " + sentence.getSurfaces().get(i + 1));
                gaps.add(sentence.getGaps().get(i));
                i += 2;
            } else {
                terms.add(in.get(i));
                surfaces.add(sentence.getSurfaces().get(i));
                gaps.add(sentence.getGaps().get(i));
                i++;
            }
        }
        sentence.setTerms(terms);
        sentence.setSurfaces(surfaces);
        sentence.setGaps(gaps);
        return sentence;
    }
}
