package io.narrative.ingest;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Opens an input file through Hadoop's file systems, decompressing gzip with a bound on its output. */
final class InputStreams {
    private InputStreams() {
    }

    static InputStream open(InputFile file, Configuration conf, long maxDecompressedBytes) throws IOException {
        Path path = new Path(file.getPath());
        FileSystem fs = path.getFileSystem(conf);
        InputStream raw = fs.open(path);
        if (!file.isGzip()) {
            return new BufferedInputStream(raw, 1 << 16);
        }
        try {
            return new BufferedInputStream(new NoReadAhead(new BoundedInputStream(new GZIPInputStream(raw, 1 << 16),
                    maxDecompressedBytes)), 1 << 16);
        } catch (IOException e) {
            raw.close();
            throw e;
        }
    }

    /**
     * Reports nothing as available, so that BufferedInputStream and InputStreamReader hand out what they
     * already hold before asking for more. Without it, a read that meets the end of a truncated gzip file
     * throws away the records decoded just before the failure.
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
        if (e instanceof EOFException || e instanceof ZipException) {
            return RejectReason.TRUNCATED_COMPRESSED;
        }
        return RejectReason.UNREADABLE_FILE;
    }
}
