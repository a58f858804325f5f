package io.narrative.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Reads over a real TCP connection on 127.0.0.1 (what hdfs:// and s3a:// reads are): a server that stops
 * sending ends the read with a timeout instead of a wait for ever; a server that sends slowly but steadily
 * is read to the end.
 */
class TimedInputStreamTest {
    private static final Duration BOUND = Duration.ofSeconds(60);

    @Test
    void readFromAServerThatSendsNothing_failsWithStalled_insteadOfWaitingForEver() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket(server.getInetAddress(), server.getLocalPort());
                Socket silent = server.accept()) {
            OutputStream neverWritten = silent.getOutputStream();
            try (InputStream in = new TimedInputStream(client.getInputStream(), 300)) {
                TimedInputStream.Stalled stalled = assertTimeoutPreemptively(BOUND,
                        () -> assertThrows(TimedInputStream.Stalled.class, () -> in.read(new byte[16], 0, 16)));
                assertEquals(RejectReason.READ_TIMEOUT, InputStreams.reasonFor(stalled));
                assertThrows(TimedInputStream.Stalled.class, in::read, "a stalled stream stays failed");
            }
            neverWritten.close();
        }
    }

    @Test
    void slowButSteadyServer_isReadToTheEnd() throws Exception {
        byte[] sent = "steady bytes, one at a time".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread writer = new Thread(() -> {
                try (Socket socket = server.accept(); OutputStream out = socket.getOutputStream()) {
                    for (byte b : sent) {
                        out.write(b);
                        out.flush();
                        Thread.sleep(20);
                    }
                } catch (Exception e) {
                    // the reader's assertion reports it
                }
            });
            writer.start();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            try (Socket client = new Socket(server.getInetAddress(), server.getLocalPort());
                    InputStream in = new TimedInputStream(client.getInputStream(), 5_000)) {
                assertTimeoutPreemptively(BOUND, () -> {
                    int b;
                    while ((b = in.read()) >= 0) {
                        received.write(b);
                    }
                });
            }
            writer.join();
            assertArrayEquals(sent, received.toByteArray(), "the whole stream, although it took longer than 300 ms");
        }
    }
}
