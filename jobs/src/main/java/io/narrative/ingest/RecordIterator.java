package io.narrative.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A lazy iterator over the records of one file: records are parsed one at a time, so a large file never
 * sits in memory, and the file is closed when the last record has been handed out.
 */
abstract class RecordIterator implements Iterator<RawRecord>, Closeable {
    private RawRecord next;
    private boolean done;

    /** The next record, or null when the file is exhausted. */
    protected abstract RawRecord computeNext() throws IOException;

    @Override
    public final boolean hasNext() {
        if (next == null && !done) {
            try {
                next = computeNext();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (next == null) {
                done = true;
                closeQuietly();
            }
        }
        return next != null;
    }

    @Override
    public final RawRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        RawRecord record = next;
        next = null;
        return record;
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException e) {
            // nothing more to read from it either way
        }
    }
}
