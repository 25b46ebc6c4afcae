package com.saypro.triage.ingest;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.annotation.Value;
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
 * it is wrong, and answers 200 only after the signals are durable: committed to the database,
 * or scaled out, acknowledged by the Kafka brokers ({@link SignalSink}).
 */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
class IngestController {

    private final SignalSink sink;
    private final JsonBodies bodies;
    private final Duration maxClockSkew;
    private final Duration maxAge;

    IngestController(SignalSink sink, JsonBodies bodies,
            @Value("${triage.ingest.max-clock-skew}") Duration maxClockSkew,
            @Value("${triage.ingest.max-age}") Duration maxAge) {
        this.sink = sink;
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
        return sink.alerts(signals);
    }

    @PostMapping("/alerts/grafana")
    IngestSummary grafana(HttpServletRequest request) {
        var signals = parser().webhook(bodies.object(request, AlertmanagerWebhook.class), "grafana");
        return sink.alerts(signals);
    }

    @PostMapping("/alerts/newrelic")
    IngestSummary newRelic(HttpServletRequest request) {
        var signals = new VendorSignals(parser()).newRelic(bodies.object(request, NewRelicIssue.class));
        return sink.alerts(signals);
    }

    @PostMapping("/alerts")
    IngestSummary alerts(HttpServletRequest request) {
        var signals = read(request, AlertRequest.class, parser()::genericAlerts);
        return sink.alerts(signals);
    }

    @PostMapping("/metrics")
    IngestSummary metrics(HttpServletRequest request) {
        var signals = read(request, MetricRequest.class, parser()::metrics);
        return sink.metrics(signals);
    }

    @PostMapping("/logs")
    IngestSummary logs(HttpServletRequest request) {
        var signals = read(request, LogRequest.class, parser()::logs);
        return sink.logs(signals);
    }

    @PostMapping("/traces")
    IngestSummary traces(HttpServletRequest request) {
        var signals = read(request, TraceRequest.class, parser()::traces);
        return sink.traces(signals);
    }

    @PostMapping("/changes")
    IngestSummary changes(HttpServletRequest request) {
        var signals = read(request, ChangeRequest.class, parser()::changes);
        return sink.changes(signals);
    }

    private <R, S> List<S> read(HttpServletRequest request, Class<R> type, Function<JsonBodies.Items<R>, List<S>> parse) {
        return parse.apply(bodies.objectOrArray(request, type));
    }
}
