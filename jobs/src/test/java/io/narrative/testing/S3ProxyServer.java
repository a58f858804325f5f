package io.narrative.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real S3 server on 127.0.0.1: S3Proxy (Apache-2.0) with its filesystem backend, run as its own JVM from
 * its self-contained jar (Maven copies it to target/s3proxy for the tests), so that its Jetty and jclouds
 * never meet Spark's classpath. Each bucket is a folder under {@code data}. Closing it stops the process;
 * a JVM shutdown hook stops it too if the tests die first.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String JAR_PROPERTY = "narrative.test.s3proxy.jar";
    public static final String ACCESS_KEY = "narrative-test";
    public static final String SECRET_KEY = "narrative-test-secret";
    private static final long START_SECONDS = 120;

    private final Process process;
    private final int port;
    private final Path log;
    private final Thread stopAtExit;

    private S3ProxyServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.stopAtExit = new Thread(process::destroyForcibly, "stop-s3proxy");
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    /** Starts the server with the given (empty) buckets and waits until it accepts connections. */
    public static S3ProxyServer start(Path dir, List<String> buckets) throws IOException, InterruptedException {
        String jar = System.getProperty(JAR_PROPERTY);
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException(JAR_PROPERTY + "=" + jar + ": no S3Proxy jar; run the tests through Maven "
                    + "(mvn test copies org.gaul:s3proxy's jar-with-dependencies to jobs/target/s3proxy)");
        }
        Path data = Files.createDirectories(dir.resolve("s3-data"));
        for (String bucket : buckets) {
            Files.createDirectories(data.resolve(bucket));
        }
        int port = freePort();
        Path properties = dir.resolve("s3proxy.properties");
        Files.writeString(properties, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + data), StandardCharsets.UTF_8);
        Path log = dir.resolve("s3proxy.log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar, "--properties", properties.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        S3ProxyServer server = new S3ProxyServer(process, port, log);
        try {
            server.awaitListening();
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void awaitListening() throws IOException, InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy exited (" + process.exitValue() + "):\n" + Files.readString(log));
            }
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > giveUp) {
                    throw new IllegalStateException("S3Proxy did not listen on " + port + " in " + START_SECONDS
                            + " s:\n" + Files.readString(log));
                }
                Thread.sleep(100);
            }
        }
    }

    public int port() {
        return port;
    }

    /** The s3a settings (path-style, plain HTTP, the test's credentials) for an endpoint on this machine. */
    public static Map<String, String> s3aSettings(int endpointPort) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("fs.s3a.endpoint", "http://127.0.0.1:" + endpointPort);
        settings.put("fs.s3a.endpoint.region", "us-east-1");
        settings.put("fs.s3a.path.style.access", "true");
        settings.put("fs.s3a.connection.ssl.enabled", "false");
        settings.put("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
        settings.put("fs.s3a.access.key", ACCESS_KEY);
        settings.put("fs.s3a.secret.key", SECRET_KEY);
        // S3Proxy's filesystem backend has no object versions.
        settings.put("fs.s3a.change.detection.version.required", "false");
        // A request the server never answers fails the run in minutes rather than hanging the suite.
        settings.put("fs.s3a.connection.request.timeout", "120s");
        settings.put("fs.s3a.attempts.maximum", "2");
        settings.put("fs.s3a.retry.limit", "2");
        return settings;
    }

    public Map<String, String> s3aSettings() {
        return s3aSettings(port);
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
