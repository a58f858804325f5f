package io.narrative.ingest;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Opens an input file, decompressing gzip with a bound on its output and every read bounded in time
 * ({@link TimedInputStream}). Local files are opened with java.nio, not Hadoop's local file system: that one
 * builds a ".name.crc" path beside each file, which fails for names with a colon, and it would open a named
 * pipe that replaced the file since listing (and block); here a file that is no longer regular is refused.
 */
final class InputStreams {
    /** The failure of a file that was regular when listed and is not any more. */
    static final class NotRegularFile extends IOException {
        private static final long serialVersionUID = 1L;

        NotRegularFile(String kind) {
            super(kind);
        }
    }

    private InputStreams() {
    }

    static InputStream open(InputFile file, Configuration conf, long maxDecompressedBytes, long readTimeoutMillis)
            throws IOException {
        try {
            return openTimed(file, conf, maxDecompressedBytes, readTimeoutMillis);
        } catch (RuntimeException e) {
            // Hadoop's Path and file systems throw unchecked exceptions for names they cannot handle.
            throw new IOException("cannot open (" + e + ")", e);
        }
    }

    private static InputStream openTimed(InputFile file, Configuration conf, long maxDecompressedBytes,
            long readTimeoutMillis) throws IOException {
        InputStream raw = new TimedInputStream(openRaw(file, conf), readTimeoutMillis);
        if (!file.isGzip()) {
            return new BufferedInputStream(new NoReadAhead(raw), 1 << 16);
        }
        try {
            return new BufferedInputStream(new NoReadAhead(new BoundedInputStream(new GZIPInputStream(raw, 1 << 16),
                    maxDecompressedBytes)), 1 << 16);
        } catch (IOException e) {
            raw.close();
            throw e;
        }
    }

    private static InputStream openRaw(InputFile file, Configuration conf) throws IOException {
        Path path = new Path(file.getPath());
        URI uri = path.toUri();
        if ("file".equals(uri.getScheme())) {
            java.nio.file.Path local = java.nio.file.Path.of(uri);
            if (!Files.isRegularFile(local)) {
                throw Files.exists(local) ? new NotRegularFile(SpecialFiles.kind(local))
                        : new java.nio.file.NoSuchFileException(local.toString());
            }
            return Files.newInputStream(local);
        }
        FileSystem fs = path.getFileSystem(conf);
        return fs.open(path);
    }

    /**
     * Reports nothing as available, so that BufferedInputStream and InputStreamReader hand out what they
     * already hold before asking for more. Without it, a read that fails (the end of a truncated gzip file,
     * a stalled read) throws away the records decoded just before the failure.
     */
    private static final class NoReadAhead extends java.io.FilterInputStream {
        NoReadAhead(InputStream in) {
            super(in);
        }

        @Override
        public int available() {
            return 0;
        }
    }

    /** Maps a failure while reading to the reject reason a person understands. */
    static RejectReason reasonFor(IOException e) {
        if (e instanceof BoundedInputStream.LimitExceeded) {
            return RejectReason.DECOMPRESSION_LIMIT;
        }
        if (e instanceof TimedInputStream.Stalled) {
            return RejectReason.READ_TIMEOUT;
        }
        if (e instanceof NotRegularFile) {
            return RejectReason.NOT_A_REGULAR_FILE;
        }
        if (e instanceof EOFException || e instanceof ZipException) {
            return RejectReason.TRUNCATED_COMPRESSED;
        }
        return RejectReason.UNREADABLE_FILE;
    }
}
