package com.saypro.triage.scaleout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.saypro.triage.ingest.Incoming.AlertIn;
import com.saypro.triage.ingest.Incoming.ChangeIn;
import com.saypro.triage.ingest.Incoming.LogIn;
import com.saypro.triage.ingest.Incoming.MetricIn;
import com.saypro.triage.ingest.Incoming.TraceIn;
import com.saypro.triage.scaleout.SignalEnvelope.Kind;

/** What goes through the signal topic comes out as it went in, and in the order it must be stored. */
class SignalEnvelopeTests {

    private static final Instant AT = Instant.parse("2026-11-29T10:00:00.123Z");

    private static AlertIn alert(String fingerprint, String status) {
        return new AlertIn("alertmanager", "HostOutOfDiskSpace", "rms", "db-1", "warning", status,
                Map.of("instance", "db-1:9100"), Map.of("summary", "disk almost full"), AT.minusSeconds(60),
                "resolved".equals(status) ? AT : null, fingerprint, true);
    }

    @Test
    void shouldReadBackEveryKindOfSignalAsItWasWritten() {
        List<List<?>> signals = List.of(List.of(alert("f1", "firing"), alert("f2", "resolved")),
                List.of(new MetricIn("rms", "api", "error_rate", 0.25, "ratio", AT, Map.of("route", "/pay"))),
                List.of(new LogIn("rms", "api", "ERROR", "Connection refused", "db.pool", AT)),
                List.of(new TraceIn("rms", "POST /payments", 5400, 5100, 20, true, AT)),
                List.of(new ChangeIn("rms", "deploy", "release 4.2", "4.2.0", "ci", AT)));
        Kind[] kinds = Kind.values();
        for (int i = 0; i < kinds.length; i++) {
            String json = SignalEnvelope.of(kinds[i], AT, signals.get(i)).toJson();
            SignalEnvelope read = SignalEnvelope.fromJson(json);
            assertThat(read.kind()).isEqualTo(kinds[i]);
            assertThat(read.receivedAt()).isEqualTo(AT);
            assertThat(read.signals()).isEqualTo(signals.get(i));
            assertThat(json).startsWith("{\"v\":1,\"kind\":\"" + kinds[i].name().toLowerCase() + "\"");
        }
    }

    @Test
    void shouldSplitASystemsSignalsTooLargeForOneRecordIntoSeveralInTheirOrder() {
        List<LogIn> logs = java.util.stream.IntStream.range(0, 3_000)
                .mapToObj(i -> new LogIn("rms", "api", "ERROR", i + " " + "x".repeat(1_000), "db.pool", AT)).toList();

        List<String> records = SignalPublisher.envelopes(Kind.LOG, AT, logs);

        assertThat(records).hasSizeGreaterThan(4);
        assertThat(records).allMatch(r -> r.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                <= SignalPublisher.MAX_RECORD_BYTES);
        assertThat(records.stream().flatMap(r -> SignalEnvelope.fromJson(r).signals().stream()).toList())
                .isEqualTo(logs);
        assertThat(SignalPublisher.envelopes(Kind.LOG, AT, logs.subList(0, 10))).hasSize(1);
    }

    @Test
    void shouldRefuseAnEnvelopeOfAnotherVersion() {
        assertThatThrownBy(() -> SignalEnvelope.fromJson("{\"v\":2,\"kind\":\"log\",\"receivedAt\":\"" + AT
                + "\",\"signals\":[]}")).hasMessageContaining("version 2");
    }

    @Test
    void shouldCutAlertRequestsIntoRunsThatShareNoFingerprintKeepingTheirOrder() {
        List<AlertIn> first = List.of(alert("a", "firing"), alert("b", "firing"));
        List<AlertIn> second = List.of(alert("c", "firing"));
        List<AlertIn> resolvesA = List.of(alert("a", "resolved"));
        List<AlertIn> fourth = List.of(alert("d", "firing"));

        assertThat(SignalWorker.fingerprintDisjoint(List.of(first, second, resolvesA, fourth)))
                .containsExactly(List.of(first, second), List.of(resolvesA, fourth));
        assertThat(SignalWorker.fingerprintDisjoint(List.of())).isEmpty();
    }

    @Test
    void shouldPlaceASystemOnTheSamePartitionEveryTime() {
        assertThat(SystemPartitions.of("rms", 12)).isEqualTo(SystemPartitions.of("rms", 12)).isBetween(0, 11);
        long used = java.util.stream.IntStream.range(0, 200).map(i -> SystemPartitions.of("system-" + i, 12))
                .distinct().count();
        assertThat(used).as("200 systems spread over 12 partitions").isEqualTo(12);
    }
}
