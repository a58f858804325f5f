package io.narrative.ingest;

import static org.apache.spark.sql.functions.broadcast;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * The small sides of ingest's joins against the documents: repeated ids, groups of exact copies, near-duplicate
 * candidates and their results. Each is persisted and counted; it joins by broadcast when it has at most
 * {@code broadcastRows} rows, so that the documents, texts included, stay where they are (a sort-merge join
 * or a window would move every text across the cluster), and by an ordinary join when it is larger, so that a
 * corpus made mostly of copies still runs. Either way the result is the same.
 */
final class SmallSides {
    /** About 20-40 MB of ids and keys: well within a broadcast. */
    static final long DEFAULT_BROADCAST_ROWS = 200_000;

    private final long broadcastRows;
    private final List<Dataset<Row>> persisted = new ArrayList<>();

    SmallSides(long broadcastRows) {
        this.broadcastRows = broadcastRows;
    }

    /** Persists and counts {@code rows} (an action). */
    Side of(Dataset<Row> rows) {
        Dataset<Row> kept = rows.persist(StorageLevel.MEMORY_AND_DISK());
        persisted.add(kept);
        return new Side(kept, kept.count());
    }

    /** Unpersists every side made here. */
    void release() {
        persisted.forEach(Dataset::unpersist);
        persisted.clear();
    }

    final class Side {
        private final Dataset<Row> rows;
        private final long count;

        private Side(Dataset<Row> rows, long count) {
            this.rows = rows;
            this.count = count;
        }

        Dataset<Row> rows() {
            return rows;
        }

        /** {@code large JOIN this USING (key)}, of the given join type, broadcasting this side when small. */
        Dataset<Row> joinedTo(Dataset<Row> large, String key, String joinType) {
            Dataset<Row> small = count <= broadcastRows ? broadcast(rows) : rows;
            return large.join(small, new String[] {key}, joinType);
        }
    }
}
