package com.saypro.triage.ingest;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.saypro.triage.ingest.SignalRequests.AlertRequest;
import com.saypro.triage.ingest.SignalRequests.AlertmanagerWebhook;
import com.saypro.triage.ingest.SignalRequests.ChangeRequest;
import com.saypro.triage.ingest.SignalRequests.LogRequest;
import com.saypro.triage.ingest.SignalRequests.MetricRequest;
import com.saypro.triage.ingest.SignalRequests.NewRelicIssue;
import com.saypro.triage.ingest.SignalRequests.TraceRequest;
import com.saypro.triage.support.Times;
import com.saypro.triage.web.JsonBodies;

/**
 * The ingestion API. Each endpoint takes one object or an array (the webhooks their own
 * shape), refuses the whole body with a problem document naming the field when any part of
 * it is wrong, and answers 200 only after the signals are committed.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
class IngestController {

    private static final int MAX_ATTEMPTS = 3;

    private final IngestService ingest;
    private final AlertWriter alertWriter;
    private final JsonBodies bodies;
    private final Duration maxClockSkew;
    private final Duration maxAge;

    IngestController(IngestService ingest, AlertWriter alertWriter, JsonBodies bodies,
            @Value("${triage.ingest.max-clock-skew}") Duration maxClockSkew,
            @Value("${triage.ingest.max-age}") Duration maxAge) {
        this.ingest = ingest;
        this.alertWriter = alertWriter;
        this.bodies = bodies;
        this.maxClockSkew = maxClockSkew;
        this.maxAge = maxAge;
    }

    /** A parser for one request: "now" is the time the request is read. */
    SignalParser parser() {
        return new SignalParser(Times.now(), maxClockSkew, maxAge);
    }

    @PostMapping("/alerts/alertmanager")
    IngestSummary alertmanager(HttpServletRequest request) {
        var signals = parser().webhook(bodies.object(request, AlertmanagerWebhook.class), "alertmanager");
        return alertWriter.store(signals);
    }

    @PostMapping("/alerts/grafana")
    IngestSummary grafana(HttpServletRequest request) {
        var signals = parser().webhook(bodies.object(request, AlertmanagerWebhook.class), "grafana");
        return alertWriter.store(signals);
    }

    @PostMapping("/alerts/newrelic")
    IngestSummary newRelic(HttpServletRequest request) {
        var signals = new VendorSignals(parser()).newRelic(bodies.object(request, NewRelicIssue.class));
        return alertWriter.store(signals);
    }

    @PostMapping("/alerts")
    IngestSummary alerts(HttpServletRequest request) {
        var signals = read(request, AlertRequest.class, parser()::genericAlerts);
        return alertWriter.store(signals);
    }

    @PostMapping("/metrics")
    IngestSummary metrics(HttpServletRequest request) {
        var signals = read(request, MetricRequest.class, parser()::metrics);
        return withRetry(() -> ingest.storeMetrics(signals));
    }

    @PostMapping("/logs")
    IngestSummary logs(HttpServletRequest request) {
        var signals = read(request, LogRequest.class, parser()::logs);
        return withRetry(() -> ingest.storeLogs(signals));
    }

    @PostMapping("/traces")
    IngestSummary traces(HttpServletRequest request) {
        var signals = read(request, TraceRequest.class, parser()::traces);
        return withRetry(() -> ingest.storeTraces(signals));
    }

    @PostMapping("/changes")
    IngestSummary changes(HttpServletRequest request) {
        var signals = read(request, ChangeRequest.class, parser()::changes);
        return withRetry(() -> ingest.storeChanges(signals));
    }

    private <R, S> List<S> read(HttpServletRequest request, Class<R> type, Function<JsonBodies.Items<R>, List<S>> parse) {
        return parse.apply(bodies.objectOrArray(request, type));
    }

    /**
     * Two requests racing to store the same alert or to open the same system's incident:
     * the loser's transaction rolls back whole, and trying it again finds the winner's rows.
     */
    static <T> T withRetry(Supplier<T> store) {
        for (int attempt = 1;; attempt++) {
            try {
                return store.get();
            } catch (DuplicateKeyException | PessimisticLockingFailureException raced) {
                if (attempt == MAX_ATTEMPTS) {
                    throw raced;
                }
            }
        }
    }
}
