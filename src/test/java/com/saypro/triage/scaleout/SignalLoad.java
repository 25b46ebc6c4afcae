package com.saypro.triage.scaleout;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Threads posting to one ingestion node until stopped: Alertmanager bodies of {@code batch}
 * alerts, each alert unique (its own fingerprint) and its system one of {@code systems}
 * ({@code scaleout-0}...) in turn, and after every fourth body a body of {@code batch} metric
 * samples of those systems; at most {@code alertsPerSecond} alerts a second in all (0: as fast
 * as the node answers). Counts what was sent and what was acknowledged (2xx), by kind.
 */
public final class SignalLoad {

    static final String SYSTEM = "scaleout-";

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Function<String, URI> uri;
    private final String token;
    private final int threads;
    private final int batch;
    private final int systems;
    private final long pauseNanos;
    private final List<Thread> running = new ArrayList<>();
    private volatile boolean stop;

    public final AtomicLong alertsSent = new AtomicLong();
    public final AtomicLong alertsAcknowledged = new AtomicLong();
    public final AtomicLong metricsSent = new AtomicLong();
    public final AtomicLong metricsAcknowledged = new AtomicLong();
    public final AtomicLong refused = new AtomicLong();
    volatile String lastRefusal = "";

    /** {@code uri}: the ingestion node's address of a path; {@code token}: its ingestion token. */
    public SignalLoad(Function<String, URI> uri, String token, int threads, int batch, int systems,
            int alertsPerSecond) {
        this.uri = uri;
        this.token = token;
        this.threads = threads;
        this.batch = batch;
        this.systems = systems;
        this.pauseNanos = alertsPerSecond == 0 ? 0 : 1_000_000_000L * threads * batch / alertsPerSecond;
    }

    public SignalLoad start() {
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread poster = new Thread(() -> post(thread), "signal-load-" + t);
            running.add(poster);
            poster.start();
        }
        return this;
    }

    /** Stops sending and waits for the requests in flight. */
    public void stop() throws InterruptedException {
        stop = true;
        for (Thread poster : running) {
            poster.join();
        }
    }

    private void post(int thread) {
        long next = System.nanoTime();
        for (int n = 0; !stop; n++) {
            send("/api/v1/alerts/alertmanager", alerts(thread, n), alertsSent, alertsAcknowledged);
            if (n % 4 == 3) {
                send("/api/v1/metrics", metrics(thread, n), metricsSent, metricsAcknowledged);
            }
            next += pauseNanos;
            pace(next);
        }
    }

    /** Keeps to the rate: waits until the next request's turn. */
    private void pace(long next) {
        long wait = next - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop = true;
            }
        }
    }

    private void send(String path, String body, AtomicLong sent, AtomicLong acknowledged) {
        sent.addAndGet(batch);
        HttpRequest request = HttpRequest.newBuilder(uri.apply(path)).timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                acknowledged.addAndGet(batch);
            } else {
                refused.incrementAndGet();
                lastRefusal = response.statusCode() + " " + response.body();
            }
        } catch (IOException e) {
            refused.incrementAndGet();
            lastRefusal = e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop = true;
        }
    }

    /** Alerts stored of this load's (their fingerprints start with scaleout-), as SQL. */
    public static final String STORED_ALERTS = "SELECT COUNT(*) FROM alert WHERE fingerprint LIKE 'scaleout-%'";
    /** Metric samples stored of this load's, as SQL. */
    public static final String STORED_METRICS = "SELECT COUNT(*) FROM metric_sample WHERE metric = 'response_time_p95_ms'";

    private String alerts(int thread, int n) {
        StringBuilder alerts = new StringBuilder();
        for (int i = 0; i < batch; i++) {
            String id = "scaleout-" + thread + "-" + n + "-" + i;
            alerts.append(i == 0 ? "" : ",").append("""
                    {"status": "firing", "labels": {"alertname": "HighRequestLatency", "system": "%s%d",
                     "instance": "%s", "severity": "warning"}, "annotations": {"summary": "slow responses"},
                     "startsAt": "2026-11-20T10:00:00Z", "endsAt": "0001-01-01T00:00:00Z", "fingerprint": "%s"}
                    """.formatted(SYSTEM, (n * batch + i) % systems, id, id));
        }
        return """
                {"version": "4", "status": "firing", "receiver": "triage", "groupKey": "scaleout", "groupLabels": {},
                 "commonLabels": {}, "commonAnnotations": {}, "externalURL": "", "alerts": [%s]}
                """.formatted(alerts);
    }

    private String metrics(int thread, int n) {
        StringBuilder samples = new StringBuilder("[");
        for (int i = 0; i < batch; i++) {
            samples.append(i == 0 ? "" : ",").append("""
                    {"system": "%s%d", "component": "load-%d", "metric": "response_time_p95_ms", "value": %d,
                     "timestamp": "2026-11-20T10:00:00Z"}
                    """.formatted(SYSTEM, i % systems, thread, 1000 + n));
        }
        return samples.append("]").toString();
    }

    public String figures() {
        return "alerts sent " + alertsSent + ", acknowledged " + alertsAcknowledged + "; metrics sent " + metricsSent
                + ", acknowledged " + metricsAcknowledged + "; refused or unanswered requests " + refused
                + (refused.get() > 0 ? " (last: " + lastRefusal + ")" : "");
    }
}
