package io.narrative.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Bounds how long a reader waits for the next bytes of an input file. The file is read by a helper thread
 * into a small queue; the task takes chunks from the queue and gives up when none arrives within the limit
 * ({@link Stalled}): the file becomes a reject and the task goes on. The helper is left to the stream's own
 * timeouts and closed asynchronously: the streams of hdfs:// and s3a:// synchronise read and close, so
 * neither closing them nor interrupting a thread can end a read that hangs on a dead connection. Reads that
 * keep returning bytes are never cut, however long the whole file takes.
 */
final class TimedInputStream extends InputStream {
    /** The failure of a read that waited longer than the limit. */
    static final class Stalled extends InterruptedIOException {
        private static final long serialVersionUID = 1L;

        Stalled(long limitMillis) {
            super("no bytes arrived for " + limitMillis + " ms");
        }
    }

    private static final int CHUNK = 1 << 16;
    private static final int QUEUED_CHUNKS = 4;
    private static final byte[] END = new byte[0];
    private static final ExecutorService READERS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "narrative-input-reader");
        thread.setDaemon(true);
        return thread;
    });

    private final InputStream in;
    private final long limitMillis;
    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(QUEUED_CHUNKS);
    private volatile IOException failure;
    private volatile boolean closed;
    private boolean stalled;
    private boolean started;
    private boolean ended;
    private byte[] current = END;
    private int offset;

    TimedInputStream(InputStream in, long limitMillis) {
        this.in = in;
        this.limitMillis = limitMillis;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, current.length - offset);
        System.arraycopy(current, offset, b, off, n);
        offset += n;
        return n;
    }

    /**
     * The bytes at hand, or 1 while more may come: GZIPInputStream reads the next member of a concatenated
     * file only when its source reports bytes available, and a chunk boundary must not end the file there.
     */
    @Override
    public int available() {
        int held = current.length - offset;
        return held > 0 ? held : (ended || closed ? 0 : 1);
    }

    /** Makes bytes available in {@code current}; false at the end of the file. */
    private boolean fill() throws IOException {
        if (stalled) {
            throw new Stalled(limitMillis);
        }
        if (closed) {
            throw new IOException("stream closed");
        }
        if (offset < current.length) {
            return true;
        }
        if (ended) {
            if (failure != null) {
                throw failure;
            }
            return false;
        }
        if (!started) {
            started = true;
            READERS.execute(this::pump);
        }
        byte[] next;
        try {
            next = chunks.poll(limitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading");
        }
        if (next == null) {
            stalled = true;
            close();
            throw new Stalled(limitMillis);
        }
        if (next == END) {
            ended = true;
            if (failure != null) {
                throw failure;
            }
            return false;
        }
        current = next;
        offset = 0;
        return true;
    }

    /** The helper thread: reads chunks until the end, a failure or close. */
    private void pump() {
        try {
            byte[] buffer = new byte[CHUNK];
            int n;
            while (!closed && (n = in.read(buffer, 0, CHUNK)) >= 0) {
                if (n > 0 && !offer(Arrays.copyOf(buffer, n))) {
                    return;
                }
            }
        } catch (IOException e) {
            failure = e;
        } catch (RuntimeException e) {
            failure = new IOException(e.toString(), e);
        }
        offer(END);
    }

    /** Queues a chunk, waiting while the reader is behind; false once the stream was closed. */
    private boolean offer(byte[] chunk) {
        try {
            while (!closed) {
                if (chunks.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        chunks.clear();
        // Off this thread: closing a stream whose read hangs may itself wait for that read.
        READERS.execute(() -> {
            try {
                in.close();
            } catch (IOException | RuntimeException e) {
                // nothing more to release
            }
        });
    }
}
