package com.saypro.triage.ingest;

import java.util.List;

import com.saypro.triage.ingest.Incoming.AlertIn;
import com.saypro.triage.ingest.Incoming.ChangeIn;
import com.saypro.triage.ingest.Incoming.LogIn;
import com.saypro.triage.ingest.Incoming.MetricIn;
import com.saypro.triage.ingest.Incoming.TraceIn;

/**
 * Where the ingestion endpoints hand one request's parsed, checked signals, and what they
 * answer: on one node the database ({@link StoreSignals}, the answer after the commit); scaled
 * out over Kafka the signal topic, from which the workers store them (the answer after the
 * brokers acknowledged every record; see ADR 0006). Each method returns once the signals are
 * durable, or throws.
 */
public interface SignalSink {

    IngestSummary alerts(List<AlertIn> alerts);

    IngestSummary metrics(List<MetricIn> metrics);

    IngestSummary logs(List<LogIn> logs);

    IngestSummary traces(List<TraceIn> traces);

    IngestSummary changes(List<ChangeIn> changes);
}
