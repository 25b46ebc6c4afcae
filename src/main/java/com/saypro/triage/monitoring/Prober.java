package com.saypro.triage.monitoring;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.saypro.triage.ingest.Incoming.MetricIn;

/**
 * Sends one probe's request with {@code java.net.http}, asynchronously on a small executor
 * of its own, and reads the answer as a {@link ProbeResult}: never blocks the caller, and the
 * whole exchange (connection, headers and body) is bounded by the probe's timeout.
 */
final class Prober implements AutoCloseable {

    static final String AVAILABILITY = "availability";
    static final String RESPONSE_TIME = "response_time_p95_ms";

    private final HttpClient client;
    private final ExecutorService executor;

    Prober(ExecutorService executor) {
        this.executor = executor;
        this.client = HttpClient.newBuilder().executor(executor).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    CompletableFuture<ProbeResult> probe(Probe probe) {
        Instant at = Instant.ofEpochMilli(System.currentTimeMillis());
        long started = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(URI.create(probe.url()))
                .timeout(Duration.ofMillis(probe.timeoutMs())).header("User-Agent", "SayPro-Triage-probe").GET()
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .orTimeout(probe.timeoutMs(), TimeUnit.MILLISECONDS)
                .handle((response, failure) -> {
                    long ms = (System.nanoTime() - started) / 1_000_000;
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure;
                        boolean timedOut = cause instanceof HttpTimeoutException || cause instanceof TimeoutException;
                        return new ProbeResult(probe.id(), at, false, 0, timedOut ? ms : -1,
                                timedOut ? "no answer within " + probe.timeoutMs() + " ms"
                                        : "no answer: " + cause.getClass().getSimpleName()
                                                + (cause.getMessage() == null ? "" : " " + cause.getMessage()));
                    }
                    if (response.statusCode() != probe.expectedStatus()) {
                        return new ProbeResult(probe.id(), at, false, response.statusCode(), ms,
                                "status " + response.statusCode() + ", expected " + probe.expectedStatus());
                    }
                    String body = response.body() == null ? "" : response.body();
                    if (probe.expectedBody() != null && !probe.expectedBody().isEmpty()
                            && !body.contains(probe.expectedBody())) {
                        return new ProbeResult(probe.id(), at, false, response.statusCode(), ms,
                                "the answer does not contain '" + probe.expectedBody() + "'");
                    }
                    return new ProbeResult(probe.id(), at, true, response.statusCode(), ms, "up");
                });
    }

    /** The samples a result makes: availability always, the response time when an answer (or the timeout) came. */
    static List<MetricIn> samples(Probe probe, ProbeResult result) {
        Map<String, String> labels = Map.of("probe", probe.name());
        MetricIn availability = new MetricIn(probe.system(), "", AVAILABILITY, result.up() ? 1 : 0, "",
                result.at(), labels);
        if (result.responseMs() < 0) {
            return List.of(availability);
        }
        return List.of(availability,
                new MetricIn(probe.system(), "", RESPONSE_TIME, result.responseMs(), "ms", result.at(), labels));
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
