package com.saypro.triage.ingest;

import com.saypro.triage.web.InvalidBodyException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;


import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.saypro.triage.support.Json;
import com.saypro.triage.support.Times;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

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
    private final int maxBodyBytes;

    IngestController(IngestService ingest, @Value("${triage.ingest.max-body-bytes}") int maxBodyBytes) {
        this.ingest = ingest;
        this.maxBodyBytes = maxBodyBytes;
    }

    @PostMapping("/alerts/alertmanager")
    IngestSummary alertmanager(HttpServletRequest request) throws IOException {
        var signals = parse(request, SignalParser::alertmanager);
        return withRetry(() -> ingest.storeAlerts(signals));
    }

    @PostMapping("/alerts/grafana")
    IngestSummary grafana(HttpServletRequest request) throws IOException {
        var signals = parse(request, SignalParser::grafana);
        return withRetry(() -> ingest.storeAlerts(signals));
    }

    @PostMapping("/alerts")
    IngestSummary alerts(HttpServletRequest request) throws IOException {
        var signals = parse(request, SignalParser::genericAlerts);
        return withRetry(() -> ingest.storeAlerts(signals));
    }

    @PostMapping("/metrics")
    IngestSummary metrics(HttpServletRequest request) throws IOException {
        var signals = parse(request, SignalParser::metrics);
        return withRetry(() -> ingest.storeMetrics(signals));
    }

    @PostMapping("/logs")
    IngestSummary logs(HttpServletRequest request) throws IOException {
        var signals = parse(request, SignalParser::logs);
        return withRetry(() -> ingest.storeLogs(signals));
    }

    @PostMapping("/traces")
    IngestSummary traces(HttpServletRequest request) throws IOException {
        var signals = parse(request, SignalParser::traces);
        return withRetry(() -> ingest.storeTraces(signals));
    }

    @PostMapping("/changes")
    IngestSummary changes(HttpServletRequest request) throws IOException {
        var signals = parse(request, SignalParser::changes);
        return withRetry(() -> ingest.storeChanges(signals));
    }

    /**
     * Two requests racing to store the same alert or to open the same system's incident:
     * the loser's transaction rolls back whole, and trying it again finds the winner's rows.
     */
    private static IngestSummary withRetry(java.util.function.Supplier<IngestSummary> store) {
        for (int attempt = 1;; attempt++) {
            try {
                return store.get();
            } catch (org.springframework.dao.DuplicateKeyException
                    | org.springframework.dao.PessimisticLockingFailureException raced) {
                if (attempt == MAX_ATTEMPTS) {
                    throw raced;
                }
            }
        }
    }

    private interface Reader<T> {
        List<T> read(SignalParser parser, JsonNode body);
    }

    private <T> List<T> parse(HttpServletRequest request, Reader<T> reader) throws IOException {
        JsonNode body = readJson(request);
        return reader.read(new SignalParser(Times.now()), body);
    }

    private JsonNode readJson(HttpServletRequest request) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBodyBytes) {
            throw tooLarge();
        }
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            bytes = in.readNBytes(maxBodyBytes + 1);
        }
        if (bytes.length > maxBodyBytes) {
            throw tooLarge();
        }
        if (bytes.length == 0) {
            throw new InvalidBodyException("", "the body is empty");
        }
        try {
            return Json.MAPPER.readTree(bytes);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            String reason = e.getOriginalMessage().replaceAll("\\s*\\(start marker at \\[Source:.*$", "")
                    .replaceAll("\\s*at \\[Source:.*$", "");
            throw new InvalidBodyException("", "the body is not valid JSON" + where + ": " + reason);
        }
    }

    private InvalidBodyException tooLarge() {
        return new InvalidBodyException("", "the body is larger than " + maxBodyBytes + " bytes");
    }

}
