package com.saypro.triage.notify;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import com.saypro.triage.audit.Actor;
import com.saypro.triage.audit.AuditLog;
import com.saypro.triage.knowledge.Systems;
import com.saypro.triage.support.Times;
import com.saypro.triage.web.InvalidBodyException;
import com.saypro.triage.web.NotFoundException;

/** The notification targets (table {@code notification_target}): added and removed by administrators, audited. */
@Repository
public class NotificationTargets {

    private static final Pattern MAIL = Pattern.compile("[^@\\s,<>\"]+@[^@\\s,<>\"]+");

    private final JdbcClient jdbc;
    private final Systems systems;
    private final AuditLog audit;

    NotificationTargets(JdbcClient jdbc, Systems systems, AuditLog audit) {
        this.jdbc = jdbc;
        this.systems = systems;
        this.audit = audit;
    }

    public List<NotificationTarget> all() {
        return jdbc.sql("SELECT * FROM notification_target ORDER BY name, id").query(NotificationTargets::row).list();
    }

    public Optional<NotificationTarget> find(long id) {
        return jdbc.sql("SELECT * FROM notification_target WHERE id = :id").param("id", id)
                .query(NotificationTargets::row).optional();
    }

    private static NotificationTarget row(ResultSet rs, int n) throws SQLException {
        int limit = rs.getInt("max_per_minute");
        Integer max = rs.wasNull() ? null : limit;
        return new NotificationTarget(rs.getLong("id"), rs.getString("name"), rs.getString("kind"),
                rs.getString("address"), rs.getString("min_severity"), rs.getString("system_name"),
                max, Times.fromDb(rs, "created_at"), rs.getString("created_by"),
                Times.fromDb(rs, "last_success_at"), rs.getString("last_error"), Times.fromDb(rs, "last_error_at"));
    }

    @Transactional
    public NotificationTarget create(NotificationTargetRequest request) {
        // The page posts without Bean Validation: the checks that matter are repeated here.
        String kind = request.kind() == null ? "" : request.kind().strip().toLowerCase(Locale.ROOT);
        if (!kind.equals(NotificationTarget.WEBHOOK) && !kind.equals(NotificationTarget.EMAIL)) {
            throw new InvalidBodyException("kind", "must be webhook or email");
        }
        if (request.name() == null || request.name().isBlank() || request.name().length() > 100) {
            throw new InvalidBodyException("name", "is required (at most 100 characters)");
        }
        if (request.minSeverity() != null && Severities.rank(request.minSeverity()) < 0) {
            throw new InvalidBodyException("minSeverity", "must be info, warning or critical");
        }
        String address = NotificationTarget.WEBHOOK.equals(kind) ? webhookUrl(request.address())
                : mailAddresses(request.address());
        String system = request.system() == null || request.system().isBlank() ? null
                : systems.resolve(request.system());
        var key = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO notification_target (name, kind, address, min_severity, system_name, max_per_minute,
                created_at, created_by) VALUES (:name, :kind, :address, :min, :system, :max, :at, :by)""")
                .param("name", request.name().strip()).param("kind", kind).param("address", address)
                .param("min", request.minSeverity()).param("system", system).param("max", request.maxPerMinute())
                .param("at", Times.toDb(Times.now())).param("by", Actor.current()).update(key);
        long id = key.getKeyList().get(0).values().stream().map(v -> ((Number) v).longValue()).findFirst()
                .orElseThrow();
        NotificationTarget target = find(id).orElseThrow();
        audit.record("notification-target.created", "notification-target", String.valueOf(id),
                kind + " target " + target.name() + ": " + address, null, target);
        return target;
    }

    @Transactional
    public NotificationTarget delete(long id) {
        NotificationTarget target = find(id)
                .orElseThrow(() -> new NotFoundException("There is no notification target " + id));
        jdbc.sql("DELETE FROM notification_outbox WHERE target_id = :id").param("id", id).update();
        jdbc.sql("DELETE FROM notification_target WHERE id = :id").param("id", id).update();
        audit.record("notification-target.deleted", "notification-target", String.valueOf(id),
                target.kind() + " target " + target.name() + " removed", target, null);
        return target;
    }

    void succeeded(long id, Instant at) {
        jdbc.sql("UPDATE notification_target SET last_success_at = :at WHERE id = :id")
                .param("at", Times.toDb(at)).param("id", id).update();
    }

    void failed(long id, String error, Instant at) {
        jdbc.sql("UPDATE notification_target SET last_error = :error, last_error_at = :at WHERE id = :id")
                .param("error", clip(error)).param("at", Times.toDb(at)).param("id", id).update();
    }

    static String clip(String s) {
        String text = s == null ? "" : s;
        return text.length() <= 1000 ? text : text.substring(0, 999) + "…";
    }

    static String webhookUrl(String text) {
        URI url;
        try {
            url = new URI(text == null ? "" : text.strip());
        } catch (URISyntaxException e) {
            throw new InvalidBodyException("address", "must be an http or https URL");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null || url.getHost().isEmpty()) {
            throw new InvalidBodyException("address", "must be an http or https URL with a host");
        }
        return url.toString();
    }

    static String mailAddresses(String text) {
        List<String> addresses = Arrays.stream((text == null ? "" : text).split(",")).map(String::strip)
                .filter(a -> !a.isEmpty()).toList();
        if (addresses.isEmpty() || !addresses.stream().allMatch(a -> MAIL.matcher(a).matches())) {
            throw new InvalidBodyException("address", "must be one or more mail addresses, comma-separated");
        }
        return String.join(", ", addresses);
    }
}
