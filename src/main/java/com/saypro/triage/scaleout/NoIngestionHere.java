package com.saypro.triage.scaleout;

import java.net.URI;
import java.util.List;

import com.saypro.triage.ingest.Incoming.AlertIn;
import com.saypro.triage.ingest.Incoming.ChangeIn;
import com.saypro.triage.ingest.Incoming.LogIn;
import com.saypro.triage.ingest.Incoming.MetricIn;
import com.saypro.triage.ingest.Incoming.TraceIn;
import com.saypro.triage.ingest.IngestSummary;
import com.saypro.triage.ingest.SignalSink;
import com.saypro.triage.web.UnavailableException;

/**
 * A worker-only node ({@code triage.kafka.role=worker}) takes no signals: 503, so that a sender
 * that reached it by mistake tries again (through the load balancer, an ingestion node).
 */
class NoIngestionHere implements SignalSink {

    static final URI NOT_AN_INGESTION_NODE = URI.create("urn:saypro:triage:problem:not-an-ingestion-node");

    @Override
    public IngestSummary alerts(List<AlertIn> alerts) {
        throw refused();
    }

    @Override
    public IngestSummary metrics(List<MetricIn> metrics) {
        throw refused();
    }

    @Override
    public IngestSummary logs(List<LogIn> logs) {
        throw refused();
    }

    @Override
    public IngestSummary traces(List<TraceIn> traces) {
        throw refused();
    }

    @Override
    public IngestSummary changes(List<ChangeIn> changes) {
        throw refused();
    }

    private static UnavailableException refused() {
        return new UnavailableException(NOT_AN_INGESTION_NODE, "Not an ingestion node",
                "This node is a diagnosis worker (triage.kafka.role=worker); send signals to an ingestion node",
                5, null);
    }
}
