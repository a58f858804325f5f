package io.narrative.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP proxy on 127.0.0.1 in front of a server, which lets the first {@code letThrough} requests matching a
 * pattern pass and then freezes: the next matching request is held (not forwarded) until {@link #close},
 * and with {@link Scope#EVERYTHING} so is everything any client sends after it. It stops a job at an exact
 * point of its conversation with an object store (after the first file of a table has been copied into
 * place, say), where the test can kill it; or, with {@link Scope#THAT_CONNECTION}, makes one read hang
 * as on a dead connection while the rest flows. Requests are recognised in the raw bytes (HTTP/1.1 request
 * lines), across reads.
 */
public final class FreezingProxy implements AutoCloseable {
    /** Characters kept from one read to the next, so that a request line split between reads is found. */
    private static final int CARRY = 512;

    private final ServerSocket listener;
    private final int upstreamPort;
    private final Pattern trigger;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final CountDownLatch frozen = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final Scope scope;
    private int letThrough;
    private volatile boolean holding;

    /** What freezes once the trigger fired. */
    public enum Scope {
        /** Every connection: the job stops where it is. */
        EVERYTHING,
        /** Only the connection of the matching request: that request never gets an answer. */
        THAT_CONNECTION
    }

    public FreezingProxy(int upstreamPort, Pattern trigger, int letThrough, Scope scope) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.upstreamPort = upstreamPort;
        this.trigger = trigger;
        this.letThrough = letThrough;
        this.scope = scope;
        Thread acceptor = new Thread(this::acceptLoop, "freezing-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Waits until the proxy froze; false when it did not within the time given. */
    public boolean awaitFrozen(long timeout, TimeUnit unit) throws InterruptedException {
        return frozen.await(timeout, unit);
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                sockets.add(client);
                sockets.add(upstream);
                start("freezing-proxy-up", () -> pumpRequests(client, upstream));
                start("freezing-proxy-down", () -> pump(upstream, client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void start(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // a side closed: so does the other
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void pumpRequests(Socket client, Socket upstream) {
        byte[] buffer = new byte[1 << 16];
        String carry = "";
        try (InputStream in = client.getInputStream(); OutputStream out = upstream.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (holding && scope == Scope.EVERYTHING) {
                    hold();
                    return;
                }
                String window = carry + new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
                int forward = n;
                Matcher matcher = trigger.matcher(window);
                while (matcher.find()) {
                    if (matcher.end() <= carry.length()) {
                        continue; // seen in the previous read
                    }
                    if (!admit()) {
                        forward = Math.max(0, matcher.start() - carry.length());
                        break;
                    }
                }
                out.write(buffer, 0, forward);
                out.flush();
                if (forward < n || (holding && scope == Scope.EVERYTHING)) {
                    hold();
                    return;
                }
                carry = window.substring(Math.max(0, window.length() - CARRY));
            }
        } catch (IOException e) {
            // a side closed: so does the other
        } finally {
            closeQuietly(client);
            closeQuietly(upstream);
        }
    }

    /** True when one more matching request may pass; otherwise the proxy freezes (all or this connection). */
    private synchronized boolean admit() {
        if (!(holding && scope == Scope.EVERYTHING) && letThrough > 0) {
            letThrough--;
            return true;
        }
        holding = true;
        frozen.countDown();
        return false;
    }

    private void hold() {
        try {
            released.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        released.countDown();
        closeQuietly(listener);
        sockets.forEach(FreezingProxy::closeQuietly);
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
