package io.narrative.core.io;

import io.narrative.core.NarrativeException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The output directory of a run: one Parquet table per sub-directory.
 *
 * <p>A table is written to {@code DIR/_staging/}, moved into place when it is complete, and committed by
 * its {@link PublishMarker} ({@code TABLE/_SUCCESS}, naming the table's files), written last. Publishing
 * first removes the old table's marker, so at every moment a reader that trusts only a marker and the files
 * it names (as {@link #read} and the notebooks do) sees the old complete table, no table, or the new complete
 * table, never half of one: also on object stores, where moving a directory copies its files one by one and a
 * killed run can leave some of them. Re-running into the same directory replaces the tables.
 */
public final class TableStore {
    private static final String STAGING = "_staging";
    private static final String TRASH = "_trash";

    private final SparkSession spark;
    private final Path root;
    private final FileSystem fs;

    public TableStore(SparkSession spark, String outputDir) {
        this.spark = spark;
        this.root = new Path(outputDir);
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        try {
            this.fs = root.getFileSystem(conf);
            fs.mkdirs(root);
            FileStatus status = null;
            try {
                status = fs.getFileStatus(root);
            } catch (FileNotFoundException e) {
                // an object store may keep no trace of an empty folder (s3a: no marker object); writes create it
            }
            if (status != null && !status.isDirectory()) {
                throw new NarrativeException("--output " + outputDir + ": exists and is not a directory");
            }
        } catch (IOException e) {
            throw new NarrativeException("--output " + outputDir + ": cannot create or write ("
                    + e.getMessage() + ")", e);
        }
    }

    public Path root() {
        return root;
    }

    public String pathOf(String table) {
        return new Path(root, table).toString();
    }

    /** Whether the table is published: its directory has a marker. */
    public boolean exists(String table) {
        try {
            return PublishMarker.read(fs, new Path(root, table)) != null;
        } catch (IOException e) {
            throw new NarrativeException("--output " + root + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Reads a published table: the files its marker names. Fails with a clear message when the table is
     * missing, or present without a marker (a run stopped while publishing it).
     */
    public Dataset<Row> read(String table) {
        Path dir = new Path(root, table);
        PublishMarker marker;
        try {
            marker = PublishMarker.read(fs, dir);
            if (marker == null && fs.exists(dir)) {
                throw new NarrativeException("table " + table + " under " + root + " is not published: it has no "
                        + PublishMarker.FILE_NAME + " marker (a run stopped while publishing it); run the stage "
                        + "that produces it again");
            }
        } catch (IOException e) {
            throw new NarrativeException("--output " + root + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (marker == null) {
            throw new NarrativeException("table " + table + " not found under " + root
                    + ": run the stage that produces it first (or `run` for the whole pipeline)");
        }
        if (marker.wholeDirectory() || marker.getFiles().isEmpty()) {
            return spark.read().parquet(dir.toString());
        }
        return spark.read().parquet(marker.getFiles().stream()
                .map(file -> new Path(dir, file.getName()).toString()).toArray(String[]::new));
    }

    /** Rows of each published table, in the order given: the row_counts a job reports to the manifest. */
    public Map<String, Long> rowCounts(String... tables) {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : tables) {
            rows.put(table, read(table).count());
        }
        return rows;
    }

    /** Writes {@code data} as the table, replacing any previous version once the new one is complete. */
    public void write(String table, Dataset<Row> data) {
        Path staging = new Path(new Path(root, STAGING), table + "-" + UUID.randomUUID());
        data.write().mode(SaveMode.ErrorIfExists).parquet(staging.toString());
        try {
            // Spark's own marker would travel with the files, possibly ahead of them on an object store.
            fs.delete(new Path(staging, PublishMarker.FILE_NAME), false);
            PublishMarker marker = PublishMarker.describe(fs, staging, table);
            publish(table, staging);
            marker.write(fs, new Path(root, table));
        } catch (IOException e) {
            throw new NarrativeException("cannot publish table " + table + " under " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * Removes a table, if present, so that a stage that no longer produces it leaves no stale copy for a
     * later stage to read (the marker first: readers then see no table).
     */
    public void remove(String table) {
        Path dir = new Path(root, table);
        try {
            fs.delete(new Path(dir, PublishMarker.FILE_NAME), false);
            fs.delete(dir, true);
        } catch (IOException e) {
            throw new NarrativeException("cannot remove table " + table + " under " + root + ": " + e.getMessage(), e);
        }
    }

    /** Writes a small text file beside the tables, by the same write-then-move protocol. */
    public void writeText(String name, String content) {
        Path staging = new Path(new Path(root, STAGING), name + "-" + UUID.randomUUID());
        try (OutputStream out = fs.create(staging, false)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new NarrativeException("cannot write " + staging + ": " + e.getMessage(), e);
        }
        publish(name, staging);
    }

    private void publish(String name, Path staging) {
        Path target = new Path(root, name);
        Path trash = new Path(new Path(root, TRASH), name + "-" + UUID.randomUUID());
        try {
            fs.mkdirs(trash.getParent());
            // From here until the new marker is written, readers see no table rather than a moving one.
            fs.delete(new Path(target, PublishMarker.FILE_NAME), false);
            if (fs.exists(target) && !fs.rename(target, trash)) {
                throw new IOException("cannot move the previous " + name + " aside");
            }
            if (!fs.rename(staging, target)) {
                throw new IOException("cannot move the new " + name + " into place");
            }
            fs.delete(trash, true);
        } catch (IOException e) {
            throw new NarrativeException("cannot publish table " + name + " under " + root + ": " + e.getMessage(), e);
        }
    }

    /** Removes what an interrupted run left in the staging and trash areas. */
    public void cleanLeftovers() {
        try {
            fs.delete(new Path(root, STAGING), true);
            fs.delete(new Path(root, TRASH), true);
        } catch (IOException e) {
            throw new NarrativeException("cannot clean " + root + ": " + e.getMessage(), e);
        }
    }
}
