package com.saypro.triage.durability;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Four threads posting Alertmanager webhook bodies of 50 alerts, each alert unique (its own
 * fingerprint and instance) so that every acknowledged alert must be stored once. Counts what
 * was sent and acknowledged (2xx), the 503s and whether they carried Retry-After, and the
 * requests that got no answer (the server was killed or refused the connection).
 */
final class AlertLoad {

    static final int THREADS = 4;
    static final int BATCH = 50;

    private final TriageJar triage;
    private final String run;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stop;

    final AtomicLong sent = new AtomicLong();
    final AtomicLong acknowledged = new AtomicLong();
    final AtomicLong unavailable = new AtomicLong();
    final AtomicLong unavailableWithRetryAfter = new AtomicLong();
    final AtomicLong otherStatus = new AtomicLong();
    final AtomicLong noAnswer = new AtomicLong();
    /** System.nanoTime() of the latest 2xx. */
    final AtomicLong lastAcknowledgedAt = new AtomicLong();

    /** {@code run}: a short tag that keeps this load's fingerprints apart from other loads on the same data. */
    AlertLoad(TriageJar triage, String run) {
        this.triage = triage;
        this.run = run;
    }

    AlertLoad start() {
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            Thread worker = new Thread(() -> post(thread), "alert-load-" + run + "-" + t);
            threads.add(worker);
            worker.start();
        }
        return this;
    }

    /** Stops sending and waits for the requests in flight to end. */
    AlertLoad stop() throws InterruptedException {
        stop = true;
        for (Thread worker : threads) {
            worker.join();
        }
        return this;
    }

    private void post(int thread) {
        for (int n = 0; !stop; n++) {
            String body = body(thread, n);
            sent.addAndGet(BATCH);
            try {
                HttpResponse<String> response = TriageJar.send(triage.ingest("/api/v1/alerts/alertmanager", body));
                int status = response.statusCode();
                if (status / 100 == 2) {
                    acknowledged.addAndGet(BATCH);
                    lastAcknowledgedAt.set(System.nanoTime());
                } else if (status == 503) {
                    unavailable.incrementAndGet();
                    if (response.headers().firstValue("Retry-After").isPresent()) {
                        unavailableWithRetryAfter.incrementAndGet();
                    }
                } else {
                    otherStatus.incrementAndGet();
                }
            } catch (IOException e) {
                noAnswer.incrementAndGet();
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String body(int thread, int n) {
        StringBuilder alerts = new StringBuilder();
        for (int i = 0; i < BATCH; i++) {
            String id = run + "-" + thread + "-" + n + "-" + i;
            alerts.append(i == 0 ? "" : ",").append("""
                    {"status": "firing", "labels": {"alertname": "HostOutOfDiskSpace", "service": "durability-%d",
                     "instance": "%s:9100", "severity": "warning", "job": "node"},
                     "annotations": {"summary": "disk almost full"}, "startsAt": "2026-11-24T22:00:00Z",
                     "endsAt": "0001-01-01T00:00:00Z", "generatorURL": "", "fingerprint": "%s"}
                    """.formatted(i % 10, id, id));
        }
        return """
                {"version": "4", "status": "firing", "receiver": "triage", "groupKey": "durability",
                 "groupLabels": {}, "commonLabels": {}, "commonAnnotations": {}, "externalURL": "",
                 "alerts": [%s]}
                """.formatted(alerts);
    }

    /** sent, acknowledged, 503s (with Retry-After), other statuses, requests without an answer. */
    String figures() {
        return "sent " + sent + ", acknowledged " + acknowledged + ", 503 " + unavailable + " (with Retry-After "
                + unavailableWithRetryAfter + "), other status " + otherStatus + ", no answer " + noAnswer;
    }
}
