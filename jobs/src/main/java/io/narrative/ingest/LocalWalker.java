package io.narrative.ingest;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks local inputs for {@link InputLister} with java.nio, following links but remembering every folder and
 * file it has seen by its file key (device and inode), so that a link back to a parent folder is walked once
 * instead of until the kernel's link limit, and a file reached through two names is read once.
 */
final class LocalWalker {
    private final InputLister.Listing listing;
    /** File key of each folder and file seen, mapped to where it was first seen (for the warning). */
    private final Map<Object, String> seen = new HashMap<>();
    private int warnings;

    LocalWalker(InputLister.Listing listing) {
        this.listing = listing;
    }

    void walkInput(int index, String input, Path root) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(root, BasicFileAttributes.class);
        if (!firstVisit(attributes, root, root.toString())) {
            return;
        }
        if (attributes.isDirectory()) {
            walk(index, input, root, root);
        } else {
            visitNonFolder(index, input, root, root, attributes);
        }
    }

    /** Adds the count of warnings left out of the manifest, if any. */
    void summarise() {
        if (warnings > InputLister.MAX_WARNINGS) {
            listing.warnings().add("... and " + (warnings - InputLister.MAX_WARNINGS)
                    + " more links to folders or files already listed, each read once");
        }
    }

    private void walk(int index, String input, Path root, Path dir) {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            entries.forEach(children::add);
        } catch (IOException | RuntimeException e) {
            listing.unreadable().add(reject(index, input, root, dir, RejectReason.UNREADABLE_FILE,
                    "cannot list folder (" + describe(e) + ")"));
            return;
        }
        children.sort(null);
        for (Path child : children) {
            if (InputLister.hidden(child.getFileName().toString())) {
                continue;
            }
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(child, BasicFileAttributes.class);
            } catch (IOException e) {
                listing.unreadable().add(reject(index, input, root, child, RejectReason.UNREADABLE_FILE,
                        brokenEntry(child, e)));
                continue;
            }
            if (!firstVisit(attributes, child, relative(root, child))) {
                continue;
            }
            if (attributes.isDirectory()) {
                walk(index, input, root, child);
            } else {
                visitNonFolder(index, input, root, child, attributes);
            }
        }
    }

    private void visitNonFolder(int index, String input, Path root, Path file, BasicFileAttributes attributes) {
        String relativePath = root.equals(file) ? file.getFileName().toString() : relative(root, file);
        if (attributes.isRegularFile()) {
            listing.files().add(InputLister.inputFile(index, input, hadoopPath(file), relativePath,
                    attributes.size()));
        } else {
            listing.unreadable().add(InputLister.unreadableEntry(index, input, relativePath, hadoopPath(file),
                    RejectReason.NOT_A_REGULAR_FILE, SpecialFiles.kind(file)));
        }
    }

    /** False (with a warning) when this folder or file was already seen under another name. */
    private boolean firstVisit(BasicFileAttributes attributes, Path path, String shown) {
        Object key = attributes.fileKey() != null ? attributes.fileKey() : realPath(path);
        String first = seen.putIfAbsent(key, shown);
        if (first == null) {
            return true;
        }
        if (++warnings <= InputLister.MAX_WARNINGS) {
            String what = attributes.isDirectory() ? "a folder" : "a file";
            listing.warnings().add(shown + " leads to " + what + " already listed (" + first + "): "
                    + (attributes.isDirectory() ? "walked once" : "read once") + " (a symbolic link cycle or a second link)");
        }
        return false;
    }

    private static Object realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    private static String brokenEntry(Path child, IOException e) {
        if (Files.isSymbolicLink(child)) {
            try {
                return "a broken link (to " + Files.readSymbolicLink(child) + ")"
                        + (e instanceof NoSuchFileException ? "" : ": " + describe(e));
            } catch (IOException ignored) {
                return "a broken link (" + describe(e) + ")";
            }
        }
        return e instanceof NoSuchFileException ? "the entry vanished while the folder was listed"
                : "an entry that cannot be opened (" + describe(e) + ")";
    }

    private static String describe(Exception e) {
        String reason = e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null
                ? fse.getReason() : e.getMessage();
        return e.getClass().getSimpleName() + (reason == null ? "" : ": " + reason);
    }

    private static RawRecord reject(int index, String input, Path root, Path path, RejectReason reason,
            String detail) {
        return InputLister.unreadableEntry(index, input, relative(root, path), hadoopPath(path), reason, detail);
    }

    private static String relative(Path root, Path path) {
        return root.equals(path) ? path.toString() : root.relativize(path).toString();
    }

    /** The path as Hadoop writes it (file:/...), built from a URI so that any name (colons too) survives. */
    static String hadoopPath(Path path) {
        return new org.apache.hadoop.fs.Path(path.toAbsolutePath().toUri()).toString();
    }
}
