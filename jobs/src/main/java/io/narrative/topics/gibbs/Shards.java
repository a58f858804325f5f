package io.narrative.topics.gibbs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;

/** Builds shards from unit rows (unit_id, doc_id, terms), keeping the terms of the model's vocabulary. */
final class Shards {
    private Shards() {
    }

    static Shard build(Iterator<Row> rows, Map<String, Integer> vocabulary, int k, SplittableRandom random) {
        List<String> unitIds = new ArrayList<>();
        List<String> docIds = new ArrayList<>();
        IntList unitTerms = new IntList();
        IntList starts = new IntList();
        IntList words = new IntList();
        starts.add(0);
        while (rows.hasNext()) {
            Row row = rows.next();
            unitIds.add(row.getString(0));
            docIds.add(row.getString(1));
            List<String> terms = row.getList(2);
            unitTerms.add(terms.size());
            for (String term : terms) {
                Integer id = vocabulary.get(term);
                if (id != null) {
                    words.add(id);
                }
            }
            starts.add(words.size());
        }
        return Shard.withRandomTopics(unitIds.toArray(new String[0]), docIds.toArray(new String[0]),
                unitTerms.toArray(), starts.toArray(), words.toArray(), k, random);
    }

    /** A seed for (run seed, a, b) with the bits of all three spread (SplitMix64's finalizer). */
    static long seed(long seed, long a, long b) {
        long z = seed * 0x9E3779B97F4A7C15L + a * 0xBF58476D1CE4E5B9L + b * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A growable int array (no boxing on the hot path of building a shard). */
    static final class IntList {
        private int[] values = new int[1024];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int size() {
            return size;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
