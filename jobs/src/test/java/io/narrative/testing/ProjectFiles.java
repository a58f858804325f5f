package io.narrative.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository (data/sample, conf/) as seen from the tests. */
public final class ProjectFiles {
    private ProjectFiles() {
    }

    public static Path root() {
        String configured = System.getProperty("narrative.project.root");
        Path start = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("data/sample")) && Files.exists(p.resolve("conf/pipeline.yaml"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the project root from " + start);
    }

    public static Path resolve(String relative) {
        return root().resolve(relative);
    }
}
