package com.saypro.triage.ingest;

import static com.saypro.triage.ingest.IngestService.withRetry;

import java.util.List;

import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

import com.saypro.triage.ingest.Incoming.AlertIn;
import com.saypro.triage.ingest.Incoming.ChangeIn;
import com.saypro.triage.ingest.Incoming.LogIn;
import com.saypro.triage.ingest.Incoming.MetricIn;
import com.saypro.triage.ingest.Incoming.TraceIn;
import com.saypro.triage.support.KafkaMode;

/** One node: the signals are stored here and now (alerts with group commit), answered after the commit. */
@Component
@Conditional(KafkaMode.Off.class)
class StoreSignals implements SignalSink {

    private final IngestService ingest;
    private final AlertWriter alertWriter;

    StoreSignals(IngestService ingest, AlertWriter alertWriter) {
        this.ingest = ingest;
        this.alertWriter = alertWriter;
    }

    @Override
    public IngestSummary alerts(List<AlertIn> alerts) {
        return alertWriter.store(alerts);
    }

    @Override
    public IngestSummary metrics(List<MetricIn> metrics) {
        return withRetry(() -> ingest.storeMetrics(metrics));
    }

    @Override
    public IngestSummary logs(List<LogIn> logs) {
        return withRetry(() -> ingest.storeLogs(logs));
    }

    @Override
    public IngestSummary traces(List<TraceIn> traces) {
        return withRetry(() -> ingest.storeTraces(traces));
    }

    @Override
    public IngestSummary changes(List<ChangeIn> changes) {
        return withRetry(() -> ingest.storeChanges(changes));
    }
}
