package io.narrative.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Bounds how long one read of an input file may wait for bytes. A read that has not returned within the
 * limit is ended by closing the stream under it from a watchdog thread (which unblocks a socket read on
 * hdfs:// or s3a://, and any stream that honours close), and the read fails with {@link Stalled}: the file
 * becomes a reject instead of a task that waits for ever. Reads that keep returning bytes are never cut,
 * however long the whole file takes.
 */
final class TimedInputStream extends FilterInputStream {
    /** The failure of a read that waited longer than the limit. */
    static final class Stalled extends InterruptedIOException {
        private static final long serialVersionUID = 1L;

        Stalled(long limitMillis) {
            super("no bytes arrived for " + limitMillis + " ms");
        }
    }

    private static final Set<TimedInputStream> READING = ConcurrentHashMap.newKeySet();
    private static final long SWEEP_MILLIS = 50;
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "narrative-read-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    static {
        WATCHDOG.scheduleWithFixedDelay(TimedInputStream::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    private final long limitMillis;
    private volatile long deadline;
    private volatile boolean stalled;

    TimedInputStream(InputStream in, long limitMillis) {
        super(in);
        this.limitMillis = limitMillis;
    }

    @Override
    public int read() throws IOException {
        arm();
        try {
            return super.read();
        } catch (IOException e) {
            throw stalled ? new Stalled(limitMillis) : e;
        } finally {
            disarm();
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        arm();
        try {
            int n = super.read(b, off, len);
            if (stalled) {
                throw new Stalled(limitMillis);
            }
            return n;
        } catch (IOException e) {
            throw stalled ? new Stalled(limitMillis) : e;
        } finally {
            disarm();
        }
    }

    @Override
    public long skip(long n) throws IOException {
        arm();
        try {
            return super.skip(n);
        } catch (IOException e) {
            throw stalled ? new Stalled(limitMillis) : e;
        } finally {
            disarm();
        }
    }

    private void arm() throws IOException {
        if (stalled) {
            throw new Stalled(limitMillis);
        }
        deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limitMillis);
        READING.add(this);
    }

    private void disarm() {
        READING.remove(this);
    }

    private static void sweep() {
        long now = System.nanoTime();
        for (TimedInputStream stream : READING) {
            if (now - stream.deadline > 0) {
                stream.stalled = true;
                READING.remove(stream);
                try {
                    stream.in.close();
                } catch (IOException | RuntimeException e) {
                    // the read fails either way; nothing else to release
                }
            }
        }
    }
}
