package com.saypro.triage.ingest;

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

    private final IngestService ingest;
    private final int maxBodyBytes;

    IngestController(IngestService ingest, @Value("${triage.ingest.max-body-bytes}") int maxBodyBytes) {
        this.ingest = ingest;
        this.maxBodyBytes = maxBodyBytes;
    }

    @PostMapping("/alerts/alertmanager")
    IngestSummary alertmanager(HttpServletRequest request) throws IOException {
        return ingest.storeAlerts(parse(request, SignalParser::alertmanager));
    }

    @PostMapping("/alerts/grafana")
    IngestSummary grafana(HttpServletRequest request) throws IOException {
        return ingest.storeAlerts(parse(request, SignalParser::grafana));
    }

    @PostMapping("/alerts")
    IngestSummary alerts(HttpServletRequest request) throws IOException {
        return ingest.storeAlerts(parse(request, SignalParser::genericAlerts));
    }

    @PostMapping("/metrics")
    IngestSummary metrics(HttpServletRequest request) throws IOException {
        return ingest.storeMetrics(parse(request, SignalParser::metrics));
    }

    @PostMapping("/logs")
    IngestSummary logs(HttpServletRequest request) throws IOException {
        return ingest.storeLogs(parse(request, SignalParser::logs));
    }

    @PostMapping("/traces")
    IngestSummary traces(HttpServletRequest request) throws IOException {
        return ingest.storeTraces(parse(request, SignalParser::traces));
    }

    @PostMapping("/changes")
    IngestSummary changes(HttpServletRequest request) throws IOException {
        return ingest.storeChanges(parse(request, SignalParser::changes));
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
            throw new InvalidSignalException("", "the body is empty");
        }
        try {
            return Json.MAPPER.readTree(bytes);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            String reason = e.getOriginalMessage().replaceAll("\\s*\\(start marker at \\[Source:.*$", "")
                    .replaceAll("\\s*at \\[Source:.*$", "");
            throw new InvalidSignalException("", "the body is not valid JSON" + where + ": " + reason);
        }
    }

    private InvalidSignalException tooLarge() {
        return new InvalidSignalException("", "the body is larger than " + maxBodyBytes + " bytes");
    }

}
