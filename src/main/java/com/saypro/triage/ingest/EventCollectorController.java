package com.saypro.triage.ingest;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import com.saypro.triage.ingest.SignalRequests.HecEvent;
import com.saypro.triage.web.JsonBodies;

/**
 * Logs in the shape of Splunk's HTTP Event Collector, so that log forwarders configured for
 * Splunk can send to Triage; it answers as Splunk does. Refused bodies get a problem
 * document like every other ingestion endpoint.
 */
@RestController
class EventCollectorController {

    /** Splunk's answer to an accepted body. */
    record Accepted(String text, int code) {
    }

    private final SignalSink sink;
    private final JsonBodies bodies;
    private final IngestController api;

    EventCollectorController(SignalSink sink, JsonBodies bodies, IngestController api) {
        this.sink = sink;
        this.bodies = bodies;
        this.api = api;
    }

    @PostMapping(path = "/services/collector/event", produces = MediaType.APPLICATION_JSON_VALUE)
    Accepted event(HttpServletRequest request) {
        var logs = new VendorSignals(api.parser()).hec(bodies.concatenated(request, HecEvent.class));
        sink.logs(logs);
        return new Accepted("Success", 0);
    }
}
