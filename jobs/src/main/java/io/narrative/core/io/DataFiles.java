package io.narrative.core.io;

import io.narrative.core.NarrativeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reads a stage's data files (targets, lexicons, narrative definitions) on the driver: the copies of conf/
 * built into the job jar under {@code narrative/}, so a cluster needs nothing else, or a user's file on any
 * Hadoop file system (local, hdfs://, s3a://). Stages parse them once and broadcast what they parsed.
 */
public final class DataFiles {
    /** Where conf/ sits inside the job jar. */
    public static final String BUILT_IN = "narrative/";

    private final Configuration hadoop;

    public DataFiles(Configuration hadoop) {
        this.hadoop = hadoop;
    }

    /** The built-in file {@code name} (e.g. "targets.yaml", "lexicons/en/cues.tsv"), or null if absent. */
    public static String builtIn(String name) {
        try (InputStream in = DataFiles.class.getClassLoader().getResourceAsStream(BUILT_IN + name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new NarrativeException("cannot read the built-in " + name + ": " + e.getMessage(), e);
        }
    }

    /** The file at {@code path}, named by config key {@code key} in errors; null if absent and optional. */
    public String read(String key, String path, boolean optional) {
        try {
            Path file = new Path(path);
            FileSystem fs = file.getFileSystem(hadoop);
            if (!fs.exists(file)) {
                if (optional) {
                    return null;
                }
                throw new NarrativeException("config key " + key + ": " + path + ": no such file");
            }
            try (InputStream in = fs.open(file)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new NarrativeException("config key " + key + ": cannot read " + path + " (" + e.getMessage() + ")", e);
        }
    }
}
