package com.saypro.triage.scaleout;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;
import com.saypro.triage.ingest.Incoming.AlertIn;
import com.saypro.triage.ingest.Incoming.ChangeIn;
import com.saypro.triage.ingest.Incoming.LogIn;
import com.saypro.triage.ingest.Incoming.MetricIn;
import com.saypro.triage.ingest.Incoming.TraceIn;
import com.saypro.triage.support.Json;

import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;

/**
 * The value of one record of the signal topic: the signals of one kind that one request
 * brought for one system, parsed and checked as the ingestion endpoint left them, and when
 * the ingestion node read the request. Compact JSON, for example
 * {@code {"v":1,"kind":"metric","receivedAt":"2026-11-29T10:00:00.123Z","signals":[{...}]}}.
 */
record SignalEnvelope(int v, Kind kind, Instant receivedAt, List<?> signals) {

    static final int VERSION = 1;

    /** The kinds of signal, each with the record the workers store. */
    enum Kind {
        ALERT(AlertIn.class), METRIC(MetricIn.class), LOG(LogIn.class), TRACE(TraceIn.class), CHANGE(ChangeIn.class);

        private final JavaType listType;

        Kind(Class<?> signal) {
            this.listType = Json.MAPPER.getTypeFactory().constructCollectionType(List.class, signal);
        }

        @JsonValue
        String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static SignalEnvelope of(Kind kind, Instant receivedAt, List<?> signals) {
        return new SignalEnvelope(VERSION, kind, receivedAt, signals);
    }

    String toJson() {
        return Json.write(this);
    }

    /** The envelope in a record's value, its signals as the records of its kind. */
    static SignalEnvelope fromJson(String json) {
        JsonNode tree = Json.MAPPER.readTree(json);
        int version = tree.path("v").asInt(0);
        if (version != VERSION) {
            throw new IllegalArgumentException("A signal envelope of version " + version + "; this Triage reads "
                    + VERSION);
        }
        Kind kind = Kind.valueOf(tree.path("kind").asString().toUpperCase(Locale.ROOT));
        Instant receivedAt = Instant.parse(tree.path("receivedAt").asString());
        List<?> signals = Json.MAPPER.convertValue(tree.path("signals"), kind.listType);
        return new SignalEnvelope(version, kind, receivedAt, signals);
    }

    @SuppressWarnings("unchecked")
    <T> List<T> signalsAs(Class<T> type) {
        return (List<T>) signals;
    }
}
