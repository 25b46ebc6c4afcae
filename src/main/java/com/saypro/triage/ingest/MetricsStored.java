package com.saypro.triage.ingest;

import java.util.List;

import com.saypro.triage.ingest.Incoming.MetricIn;

/**
 * Published by {@link IngestService#storeMetrics} inside its transaction: listeners that
 * should see only committed samples (the threshold stream) listen after the commit.
 */
public record MetricsStored(List<MetricIn> metrics) {
}
