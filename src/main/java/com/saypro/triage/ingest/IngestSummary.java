package com.saypro.triage.ingest;

import java.util.List;

/**
 * What one ingestion request did. {@code stored}: new signals written; {@code duplicates}:
 * alerts already stored (same fingerprint and startsAt), counted on the stored copy;
 * {@code resolved}: firing alerts closed by their resolved twin; {@code incidents}: the
 * incidents the signals went to.
 */
public record IngestSummary(int received, int stored, int duplicates, int resolved, List<Long> incidents) {
}
