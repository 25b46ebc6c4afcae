package com.saypro.triage.monitoring;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import com.saypro.triage.audit.Actor;
import com.saypro.triage.audit.AuditLog;
import com.saypro.triage.knowledge.Systems;
import com.saypro.triage.support.Times;
import com.saypro.triage.web.InvalidBodyException;
import com.saypro.triage.web.NotFoundException;

/** The probes (table {@code probe}): registered and removed by administrators, audited. */
@Repository
public class Probes {

    /** Published after a probe is registered or removed. */
    record ProbesChanged() {
    }

    private final JdbcClient jdbc;
    private final Systems systems;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    Probes(JdbcClient jdbc, Systems systems, AuditLog audit, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.systems = systems;
        this.audit = audit;
        this.events = events;
    }

    public List<Probe> all() {
        return jdbc.sql("SELECT * FROM probe ORDER BY system_name, name, id").query(Probes::row).list();
    }

    public Optional<Probe> find(long id) {
        return jdbc.sql("SELECT * FROM probe WHERE id = :id").param("id", id).query(Probes::row).optional();
    }

    private static Probe row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Probe(rs.getLong("id"), rs.getString("name"), rs.getString("system_name"), rs.getString("url"),
                rs.getInt("interval_seconds"), rs.getInt("timeout_ms"), rs.getInt("expected_status"),
                rs.getString("expected_body"), Times.fromDb(rs, "created_at"), rs.getString("created_by"));
    }

    /**
     * Registers a probe of an http or https URL (anything else: 400). The system is filed
     * under its code; the name defaults to the URL's host.
     */
    @Transactional
    public Probe create(ProbeRequest request) {
        URI url = httpUrl(request.url());
        String system = systems.resolve(request.system());
        String name = request.name() == null || request.name().isBlank() ? url.getHost() : request.name();
        var key = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO probe (name, system_name, url, interval_seconds, timeout_ms, expected_status, expected_body,
                created_at, created_by) VALUES (:name, :system, :url, :interval, :timeout, :status, :body, :at, :by)""")
                .param("name", name).param("system", system).param("url", url.toString())
                .param("interval", request.intervalSecondsOrDefault()).param("timeout", request.timeoutMsOrDefault())
                .param("status", request.expectedStatusOrDefault())
                .param("body", request.expectedBody() == null || request.expectedBody().isEmpty() ? null
                        : request.expectedBody())
                .param("at", Times.toDb(Times.now())).param("by", Actor.current())
                .update(key);
        long id = key.getKeyList().get(0).values().stream().map(v -> ((Number) v).longValue()).findFirst()
                .orElseThrow();
        Probe probe = find(id).orElseThrow();
        audit.record("probe.created", "probe", String.valueOf(id),
                "probe " + name + " of " + system + ": " + url, null, probe);
        events.publishEvent(new ProbesChanged());
        return probe;
    }

    @Transactional
    public Probe delete(long id) {
        Probe probe = find(id).orElseThrow(() -> new NotFoundException("There is no probe " + id));
        jdbc.sql("DELETE FROM probe WHERE id = :id").param("id", id).update();
        audit.record("probe.deleted", "probe", String.valueOf(id),
                "probe " + probe.name() + " of " + probe.system() + " removed", probe, null);
        events.publishEvent(new ProbesChanged());
        return probe;
    }

    static URI httpUrl(String text) {
        URI url;
        try {
            url = new URI(text == null ? "" : text.strip());
        } catch (URISyntaxException e) {
            throw new InvalidBodyException("url", "must be an http or https URL");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!Map.of("http", 1, "https", 1).containsKey(scheme) || url.getHost() == null || url.getHost().isEmpty()
                || url.getRawUserInfo() != null) {
            throw new InvalidBodyException("url", "must be an http or https URL with a host (and no user:password@)");
        }
        return url;
    }
}
