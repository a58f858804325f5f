package io.narrative.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Fails once more than a set number of bytes has been read, so a small gzip file cannot expand without limit. */
final class BoundedInputStream extends FilterInputStream {
    /** Thrown when the bound is passed. */
    static final class LimitExceeded extends IOException {
        LimitExceeded(long limit) {
            super("expands beyond " + limit + " bytes");
        }
    }

    private final long limit;
    private long count;

    BoundedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            advance(1);
        }
        return b;
    }

    /** Reads up to the limit; only a read beyond it, when more data exists, fails. */
    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length > 0 && count >= limit) {
            if (super.read() < 0) {
                return -1;
            }
            throw new LimitExceeded(limit);
        }
        int n = super.read(buffer, offset, (int) Math.min(length, limit - count));
        if (n > 0) {
            advance(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        advance(skipped);
        return skipped;
    }

    private void advance(long n) throws LimitExceeded {
        count += n;
        if (count > limit) {
            throw new LimitExceeded(limit);
        }
    }
}
