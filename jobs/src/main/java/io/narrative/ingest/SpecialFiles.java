package io.narrative.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Names the kind of a file system entry that is neither a folder nor a regular file. Such entries are never
 * opened: opening a named pipe blocks until another process writes to it, a device may never end.
 */
final class SpecialFiles {
    private static final int TYPE_MASK = 0170000;

    private SpecialFiles() {
    }

    static String kind(Path path) {
        try {
            int type = ((Integer) Files.getAttribute(path, "unix:mode")) & TYPE_MASK;
            return switch (type) {
                case 0010000 -> "a named pipe (FIFO)";
                case 0140000 -> "a socket";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                default -> "not a regular file (mode " + Integer.toOctalString(type) + ")";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return "not a regular file";
        }
    }
}
