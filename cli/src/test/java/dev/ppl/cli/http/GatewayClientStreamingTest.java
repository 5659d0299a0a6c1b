package dev.ppl.cli.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import dev.ppl.cli.config.CliConfig;

/**
 * Files go between disk and the gateway as they are read: a JVM whose heap could not hold the file downloads and
 * uploads it all the same.
 */
class GatewayClientStreamingTest {
    /** Twice what the child JVM's heap may hold. */
    private static final long SIZE = 64L * 1024 * 1024;
    private static final String HEAP = "-Xmx32m";

    @TempDir
    Path dir;
    private HttpServer server;
    private final AtomicLong uploaded = new AtomicLong();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/files/fl_big/content", exchange -> {
            try (exchange) {
                exchange.sendResponseHeaders(200, SIZE);
                byte[] chunk = new byte[64 * 1024];
                OutputStream out = exchange.getResponseBody();
                for (long sent = 0; sent < SIZE; sent += chunk.length) {
                    out.write(chunk);
                }
            }
        });
        server.createContext("/v1/files", exchange -> {
            try (exchange) {
                uploaded.set(exchange.getRequestBody().transferTo(OutputStream.nullOutputStream()));
                byte[] answer = "{\"data\": {\"file_id\": \"fl_up\"}}".getBytes();
                exchange.sendResponseHeaders(201, answer.length);
                exchange.getResponseBody().write(answer);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aFileTwiceTheHeapIsDownloadedToDiskAndUploadedFromIt() throws Exception {
        Path target = dir.resolve("big.bin");
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        Process child = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP, "-cp", System.getProperty("java.class.path"), Transfer.class.getName(), url, target.toString()))
                .redirectErrorStream(true).start();

        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String output = new String(child.getInputStream().readAllBytes());
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(Files.size(target)).isEqualTo(SIZE);
        assertThat(uploaded.get()).isEqualTo(SIZE);
    }

    /** Runs in the child JVM with the small heap: one download, then the same file uploaded. */
    public static final class Transfer {
        public static void main(String[] args) {
            GatewayClient gateway = new GatewayClient(new CliConfig(args[0], "pt_streaming", null));
            Path file = Path.of(args[1]);
            gateway.download("/v1/files/fl_big/content", file);
            gateway.upload("/v1/files?name=big", file, "application/octet-stream");
        }
    }
}
