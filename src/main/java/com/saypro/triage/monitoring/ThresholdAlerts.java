package com.saypro.triage.monitoring;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.saypro.triage.ingest.Incoming.AlertIn;
import com.saypro.triage.monitoring.stream.Crossings.Crossing;
import com.saypro.triage.monitoring.stream.Threshold;

/**
 * A crossed or cleared threshold as a generic alert, so it takes the path of an outside
 * alert (deduplication, grouping into incidents, diagnosis). Its fingerprint is stable per
 * system, metric and series, so the resolved alert closes the firing one.
 */
final class ThresholdAlerts {

    static final String SOURCE = "threshold";

    private ThresholdAlerts() {
    }

    static List<AlertIn> of(List<Crossing> crossings) {
        return crossings.stream().map(ThresholdAlerts::alert).toList();
    }

    static AlertIn alert(Crossing c) {
        Threshold t = c.threshold();
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("metric", c.metric());
        labels.put("threshold", Threshold.number(t.getValue()));
        labels.put("comparison", t.getComparison());
        if (!c.workflow().isEmpty()) {
            labels.put("workflow", c.workflow());
        }
        if (!c.probe().isEmpty()) {
            labels.put("probe", c.probe());
        }
        String series = c.metric() + " of " + c.system() + (c.component().isEmpty() ? "" : "/" + c.component())
                + (c.workflow().isEmpty() ? "" : " (workflow " + c.workflow() + ")")
                + (c.probe().isEmpty() ? "" : " (probe " + c.probe() + ")");
        Map<String, String> annotations = new LinkedHashMap<>();
        if (c.raised()) {
            annotations.put("summary", series + " " + t.describe() + ": " + Threshold.number(c.value()));
            annotations.put("description", t.getSamplesNeeded() + " of the last " + t.getSamplesOf() + " samples of "
                    + series + " were " + t.getComparison() + " " + Threshold.number(t.getValue())
                    + (t.getForSeconds() == 0 ? "" : " for " + Threshold.duration(t.getForSeconds()))
                    + "; the latest, measured at " + Instant.ofEpochMilli(c.at()) + ", was "
                    + Threshold.number(c.value()) + ". It resolves when fewer than " + t.getSamplesNeeded()
                    + " of them are " + t.getComparison() + " " + Threshold.number(t.getClear()) + ".");
        } else {
            annotations.put("summary", series + " back to " + Threshold.number(c.value()) + " (clears "
                    + t.getComparison() + " " + Threshold.number(t.getClear()) + ")");
        }
        String component = !c.workflow().isEmpty() ? c.workflow() : c.component();
        return new AlertIn(SOURCE, t.getAlert(), c.system(), component, t.getSeverity(),
                c.raised() ? "firing" : "resolved", labels, annotations, Instant.ofEpochMilli(c.startedAt()),
                c.raised() ? null : Instant.ofEpochMilli(c.at()), fingerprint(c), true);
    }

    /** {@code threshold-} and 16 bytes of SHA-256 over system, metric and series. */
    static String fingerprint(Crossing c) {
        String text = c.system() + "\n" + c.metric() + "\n" + c.component() + "\n" + c.workflow() + "\n" + c.probe();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "threshold-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
