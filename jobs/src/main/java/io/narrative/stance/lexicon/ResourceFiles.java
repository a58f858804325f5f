package io.narrative.stance.lexicon;

import io.narrative.core.NarrativeException;
import io.narrative.core.io.DataFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reads the stance data files on the driver, from the copies built into the job jar (the default, so a
 * cluster needs nothing else) or from a user's path on any Hadoop file system (local, hdfs://, s3a://).
 * The parsed resources are then broadcast to the executors, which never read these files themselves.
 */
final class ResourceFiles {
    /** Languages with built-in lexicons (folders of conf/lexicons). */
    static final List<String> BUILT_IN_LANGUAGES = List.of("en", "ru", "tr", "ar");

    private final Configuration hadoop;

    ResourceFiles(Configuration hadoop) {
        this.hadoop = hadoop;
    }

    /** The built-in file {@code name} (e.g. "targets.yaml", "lexicons/en/cues.tsv"), or null if absent. */
    String builtIn(String name) {
        return DataFiles.builtIn(name);
    }

    /** The file at {@code path}, named by {@code key} in errors; null if it does not exist and is optional. */
    String read(String key, String path, boolean optional) {
        return new DataFiles(hadoop).read(key, path, optional);
    }

    /** The sub-folders of {@code dir}: the languages of a user's lexicon folder. */
    List<String> languagesIn(String key, String dir) {
        try {
            Path folder = new Path(dir);
            FileSystem fs = folder.getFileSystem(hadoop);
            if (!fs.isDirectory(folder)) {
                throw new NarrativeException("config key " + key + ": " + dir + " is not a folder of LANG/ folders");
            }
            List<String> langs = new ArrayList<>();
            for (FileStatus status : fs.listStatus(folder)) {
                if (status.isDirectory()) {
                    langs.add(status.getPath().getName());
                }
            }
            return langs;
        } catch (IOException | IllegalArgumentException e) {
            throw new NarrativeException("config key " + key + ": cannot list " + dir + " (" + e.getMessage() + ")", e);
        }
    }
}
