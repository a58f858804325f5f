package io.narrative.ingest;

import io.narrative.core.NarrativeException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Lists the files under each {@code --input} (recursively for folders), on the driver. Names starting
 * with "." or "_" are skipped, as Hadoop and Spark do (_SUCCESS, .crc). Each real file is listed once:
 * links are followed, but a folder or file reached again (a link back to a parent, two links to one file,
 * the same folder under two inputs) is not walked or read again, and the run's warnings say so.
 * Entries that cannot be read as files (a folder that cannot be listed, a dangling link, a named pipe, a
 * socket, a device) become rejects, so they are accounted for and never opened; an input that does not
 * exist stops the run.
 *
 * <p>Local folders are walked with java.nio (file keys, file types and dangling links are visible there,
 * and any name Linux allows works, colons included); other file systems (hdfs://, s3a://) with Hadoop's
 * listing.
 */
public final class InputLister {
    /** Warnings about entries listed once although reached more than once; the rest are counted. */
    static final int MAX_WARNINGS = 20;

    /** The files found, one reject per entry that cannot be read as a file, and what was skipped. */
    public record Listing(List<InputFile> files, List<RawRecord> unreadable, List<String> warnings) {
    }

    private InputLister() {
    }

    public static Listing list(List<String> inputs, Configuration conf) {
        Listing listing = new Listing(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        LocalWalker local = new LocalWalker(listing);
        Set<Path> walkedRemote = new HashSet<>();
        int[] skipped = {0};
        for (int index = 0; index < inputs.size(); index++) {
            String input = inputs.get(index);
            Path root = new Path(input);
            try {
                FileSystem fs = root.getFileSystem(conf);
                FileStatus status;
                try {
                    status = fs.getFileStatus(root);
                } catch (FileNotFoundException e) {
                    throw new NarrativeException("--input " + input + ": no such file or directory");
                }
                Path qualified = fs.makeQualified(root);
                if ("file".equals(qualified.toUri().getScheme())) {
                    local.walkInput(index, input, java.nio.file.Path.of(qualified.toUri()));
                } else if (status.isFile()) {
                    listing.files().add(remoteFile(index, input, status, qualified.getName()));
                } else {
                    walkRemote(fs, index, input, qualified, status.getPath(), listing, walkedRemote, skipped);
                }
            } catch (IOException e) {
                throw new NarrativeException("--input " + input + ": cannot read (" + e.getMessage() + ")", e);
            }
        }
        local.summarise();
        if (skipped[0] > 0) {
            listing.warnings().add(skipped[0] + " folders reached again under the inputs were walked once");
        }
        return listing;
    }

    private static void walkRemote(FileSystem fs, int index, String input, Path root, Path dir, Listing listing,
            Set<Path> walked, int[] skipped) {
        if (!walked.add(dir)) {
            skipped[0]++;
            return;
        }
        FileStatus[] children;
        try {
            children = fs.listStatus(dir);
        } catch (IOException e) {
            listing.unreadable().add(unreadableEntry(index, input, relative(root, dir), dir.toString(),
                    RejectReason.UNREADABLE_FILE, "cannot list folder (" + e.getMessage() + ")"));
            return;
        }
        Arrays.sort(children);
        for (FileStatus child : children) {
            if (hidden(child.getPath().getName())) {
                continue;
            }
            if (child.isDirectory()) {
                walkRemote(fs, index, input, root, child.getPath(), listing, walked, skipped);
            } else {
                listing.files().add(remoteFile(index, input, child, relative(root, child.getPath())));
            }
        }
    }

    /** Names Hadoop and Spark treat as not data (_SUCCESS, .crc, _staging): never listed. */
    static boolean hidden(String name) {
        return name.startsWith(".") || name.startsWith("_");
    }

    /** The reject of an entry that is listed but cannot be read as a file: one record read, one reject. */
    static RawRecord unreadableEntry(int index, String input, String relativePath, String path,
            RejectReason reason, String detail) {
        InputFile entry = new InputFile();
        entry.setInputIndex(index);
        entry.setInputRoot(input);
        entry.setPath(path);
        entry.setRelativePath(relativePath);
        int slash = relativePath.lastIndexOf('/');
        entry.setFormat(InputFormat.ofFileName(relativePath.substring(slash + 1)).name());
        return RawRecord.of(entry, 1).reject(reason, detail, null, 0);
    }

    static InputFile inputFile(int index, String input, String path, String relativePath, long size) {
        String name = relativePath.substring(relativePath.lastIndexOf('/') + 1);
        InputFile file = new InputFile();
        file.setInputIndex(index);
        file.setInputRoot(input);
        file.setPath(path);
        file.setRelativePath(relativePath);
        file.setFormat(InputFormat.ofFileName(name).name());
        file.setGzip(InputFormat.isGzip(name));
        file.setSize(size);
        return file;
    }

    private static InputFile remoteFile(int index, String input, FileStatus status, String relativePath) {
        return inputFile(index, input, status.getPath().toString(), relativePath, status.getLen());
    }

    private static String relative(Path root, Path path) {
        String rootText = root.toUri().getPath();
        String pathText = path.toUri().getPath();
        if (pathText.startsWith(rootText)) {
            String rest = pathText.substring(rootText.length());
            return rest.startsWith("/") ? rest.substring(1) : rest;
        }
        return path.getName();
    }
}
