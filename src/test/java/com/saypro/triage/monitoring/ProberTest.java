package com.saypro.triage.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/** Probes against a local HTTP server: up, slow, down, wrong status, wrong body. */
class ProberTest {

    private HttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);
    private final Prober prober = new Prober(Executors.newFixedThreadPool(2));

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/health", exchange -> answer(exchange, 200, "{\"status\":\"UP\"}"));
        server.createContext("/broken", exchange -> answer(exchange, 503, "down for maintenance"));
        server.createContext("/slow", exchange -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(exchange, 200, "{\"status\":\"UP\"}");
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
        prober.close();
    }

    private Probe probe(String path, int timeoutMs, int status, String body) {
        return new Probe(1, "test", "rms", "http://127.0.0.1:" + server.getAddress().getPort() + path, 60, timeoutMs,
                status, body, Instant.now(), "admin");
    }

    @Test
    void shouldBeUpWithTheExpectedStatusAndText() {
        ProbeResult result = prober.probe(probe("/health", 2000, 200, "UP")).join();

        assertThat(result.up()).isTrue();
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.responseMs()).isBetween(0L, 2000L);
        assertThat(Prober.samples(probe("/health", 2000, 200, "UP"), result))
                .extracting(m -> m.metric() + "=" + (m.metric().equals("availability") ? m.value() : "ms") + " "
                        + m.labels())
                .containsExactly("availability=1.0 {probe=test}", "response_time_p95_ms=ms {probe=test}");
    }

    @Test
    void shouldBeDownWhenNoAnswerComesWithinTheTimeout() {
        long began = System.nanoTime();
        ProbeResult result = prober.probe(probe("/slow", 300, 200, null)).join();

        assertThat(result.up()).isFalse();
        assertThat(result.reason()).contains("no answer within 300 ms");
        assertThat(result.responseMs()).as("the wait is recorded as the response time").isGreaterThanOrEqualTo(300);
        assertThat((System.nanoTime() - began) / 1_000_000).as("bounded by the timeout").isLessThan(3000);
    }

    @Test
    void shouldBeDownWhenNothingListens() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Probe probe = new Probe(2, "gone", "rms", "http://127.0.0.1:" + closedPort + "/health", 60, 2000, 200, null,
                Instant.now(), "admin");

        ProbeResult result = prober.probe(probe).join();

        assertThat(result.up()).isFalse();
        assertThat(result.responseMs()).isEqualTo(-1);
        assertThat(Prober.samples(probe, result)).singleElement()
                .satisfies(m -> assertThat(m.value()).isEqualTo(0));
    }

    @Test
    void shouldBeDownWithAnotherStatus() {
        ProbeResult result = prober.probe(probe("/broken", 2000, 200, null)).join();

        assertThat(result.up()).isFalse();
        assertThat(result.status()).isEqualTo(503);
        assertThat(result.reason()).isEqualTo("status 503, expected 200");
    }

    @Test
    void shouldBeDownWhenTheAnswerLacksTheExpectedText() {
        ProbeResult result = prober.probe(probe("/health", 2000, 200, "\"database\":\"UP\"")).join();

        assertThat(result.up()).isFalse();
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.reason()).contains("does not contain");
    }
}
