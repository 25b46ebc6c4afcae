package com.saypro.triage.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.saypro.triage.ingest.Incoming.AlertIn;
import com.saypro.triage.ingest.Incoming.ChangeIn;
import com.saypro.triage.ingest.Incoming.LogIn;
import com.saypro.triage.ingest.Incoming.MetricIn;
import com.saypro.triage.ingest.Incoming.TraceIn;
import com.saypro.triage.ingest.IngestService;
import com.saypro.triage.support.Json;
import com.saypro.triage.support.Times;

import tools.jackson.databind.JsonNode;

/**
 * Plays PRODUCT.md's worked examples into an empty Triage, for a first look: the RMS royalty
 * run slowed by a slow query, LMS course registration failing on database connections, LMS
 * logins slowed by token validation ({@code classpath:demo/*.json}). Each example's signals
 * keep their spacing but are moved to now (its alert {@value #FIRST_ALERT_AFTER_SECONDS} s
 * after the start, the next examples a minute apart); a signal is stored when its time comes,
 * through the normal {@link IngestService}, so metrics, logs and traces arrive first and the
 * alerts last, over about four minutes. The two LMS examples share a system and so, as
 * real alerts would, one LMS incident. Offered only on the embedded database
 * ({@code triage.demo.enabled} or the button on the empty board): never into MariaDB, whose
 * data is real. The state of a play is in memory; a restart ends it.
 */
@Component
public class DemoFeed {

    static final long FIRST_ALERT_AFTER_SECONDS = 60;
    static final List<String> EXAMPLES = List.of("rms-slow-royalty-slow-query", "lms-registration-db-connection",
            "lms-login-token-validation");
    private static final Logger log = LoggerFactory.getLogger(DemoFeed.class);

    /** Why the demo cannot start here, or null when it can. */
    private final String refusal;
    private final boolean startAtLaunch;
    private final IngestService ingest;
    private final List<Step> steps = new ArrayList<>();

    /** One signal (or several of a kind) to store at {@code at}. */
    private record Step(Instant at, String kind, Runnable store) {
    }

    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;

    DemoFeed(IngestService ingest, org.springframework.jdbc.core.simple.JdbcClient jdbc,
            @Value("${spring.datasource.url:}") String datasourceUrl,
            @Value("${triage.demo.enabled:${TRIAGE_DEMO:false}}") boolean startAtLaunch) {
        this.ingest = ingest;
        this.jdbc = jdbc;
        this.startAtLaunch = startAtLaunch;
        this.refusal = datasourceUrl.startsWith("jdbc:h2:") ? null
                : "The demo feed only plays into the embedded database; this Triage uses "
                        + datasourceUrl.replaceFirst("^jdbc:([a-z0-9]+):.*", "$1") + ", whose data is real.";
    }

    /** Whether the demo may be offered here (embedded database, not playing already). */
    public boolean offered() {
        return refusal == null && !playing();
    }

    public synchronized boolean playing() {
        return !steps.isEmpty();
    }

    /** Why the demo is not offered here (null when it is). */
    public String refusal() {
        return refusal;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atLaunch() {
        if (!startAtLaunch) {
            return;
        }
        if (refusal != null) {
            log.warn("TRIAGE_DEMO is set, but not started: {}", refusal);
            return;
        }
        // Only into an empty Triage: demo signals must never join incidents someone works on.
        Long incidents = jdbc.sql("SELECT COUNT(*) FROM incident").query(Long.class).single();
        if (incidents > 0) {
            log.info("TRIAGE_DEMO is set, but this Triage already holds {} incidents: the demo plays only into an"
                    + " empty one (start with another TRIAGE_DATA_DIR).", incidents);
            return;
        }
        start(Times.now());
    }

    /** Lays out the play from {@code now}; refused (IllegalStateException) on a real database. */
    public synchronized int start(Instant now) {
        if (refusal != null) {
            throw new IllegalStateException(refusal);
        }
        if (playing()) {
            return steps.size();
        }
        Instant alertAt = now.plusSeconds(FIRST_ALERT_AFTER_SECONDS);
        for (String example : EXAMPLES) {
            plan(read(example), alertAt);
            alertAt = alertAt.plus(Duration.ofMinutes(1));
        }
        steps.sort(Comparator.comparing(Step::at));
        log.info("Demo feed started: {} steps until {}", steps.size(), steps.get(steps.size() - 1).at());
        return steps.size();
    }

    @Scheduled(fixedDelayString = "${triage.demo.tick:2s}", initialDelayString = "${triage.demo.tick:2s}")
    void tick() {
        if (playing()) {
            play(Times.now());
        }
    }

    /** Stores every step due by {@code now}; returns how many were played. */
    public synchronized int play(Instant now) {
        int played = 0;
        while (!steps.isEmpty() && !steps.get(0).at().isAfter(now)) {
            Step step = steps.remove(0);
            try {
                step.store().run();
            } catch (RuntimeException e) {
                log.warn("Demo step ({}) not stored: {}", step.kind(), e.getMessage());
            }
            played++;
        }
        if (played > 0 && steps.isEmpty()) {
            log.info("Demo feed finished");
        }
        return played;
    }

    /** Schedules an example's signals so that its (first) alert starts at {@code alertAt}. */
    private void plan(JsonNode example, Instant alertAt) {
        Instant original = Instant.parse(example.get("alerts").get(0).get("startsAt").asString());
        Duration shift = Duration.between(original, alertAt);
        for (String kind : List.of("changes", "metrics", "logs", "traces", "alerts")) {
            JsonNode signals = example.get(kind);
            if (signals == null) {
                continue;
            }
            for (JsonNode signal : signals) {
                String field = kind.equals("alerts") ? "startsAt" : "timestamp";
                Instant at = Instant.parse(signal.get(field).asString()).plus(shift);
                steps.add(new Step(at, kind, () -> store(kind, signal, at)));
            }
        }
    }

    private void store(String kind, JsonNode s, Instant at) {
        switch (kind) {
            case "changes" -> ingest.storeChanges(List.of(new ChangeIn(text(s, "system"), text(s, "kind"),
                    text(s, "description"), text(s, "version"), text(s, "author"), at)));
            case "metrics" -> ingest.storeMetrics(List.of(new MetricIn(text(s, "system"), text(s, "component"),
                    text(s, "metric"), s.get("value").asDouble(), text(s, "unit"), at, map(s, "labels"))));
            case "logs" -> ingest.storeLogs(List.of(new LogIn(text(s, "system"), text(s, "component"),
                    text(s, "level"), text(s, "message"), text(s, "logger"), at)));
            case "traces" -> ingest.storeTraces(List.of(new TraceIn(text(s, "system"), text(s, "transaction"),
                    s.path("durationMs").asLong(), s.path("dbMs").asLong(), s.path("externalMs").asLong(),
                    s.path("error").asBoolean(false), at)));
            default -> {
                String name = text(s, "name");
                String system = text(s, "system");
                ingest.storeAlerts(List.of(new AlertIn("demo", name, system, s.path("component").asString(""),
                        text(s, "severity"), "firing", map(s, "labels"), map(s, "annotations"), at, null,
                        "demo-" + system + "-" + name + "-" + at.getEpochSecond(), true)));
            }
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static Map<String, String> map(JsonNode node, String field) {
        Map<String, String> map = new LinkedHashMap<>();
        JsonNode object = node.get(field);
        if (object != null && object.isObject()) {
            object.properties().forEach(e -> map.put(e.getKey(), e.getValue().asString()));
        }
        return map;
    }

    private static JsonNode read(String example) {
        try (InputStream in = new ClassPathResource("demo/" + example + ".json").getInputStream()) {
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
