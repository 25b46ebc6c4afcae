package com.saypro.triage.notify;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.saypro.triage.incident.IncidentStatus;
import com.saypro.triage.incident.IncidentSummary;
import com.saypro.triage.support.Json;

/**
 * The words of a notification: a subject line and a body with the incident's title, system,
 * severity, status, top cause and a link to its page under {@code triage.notify.base-url}.
 * Webhooks get them as Slack-compatible JSON ({@code text} plus one {@code section} block).
 */
@Component
class NotificationMessages {

    record Message(String subject, String body) {
    }

    private final String baseUrl;

    NotificationMessages(@Value("${triage.notify.base-url:http://localhost:${server.port:8080}}") String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    Message of(IncidentSummary incident, String phrase) {
        String subject = "[" + incident.severity().toUpperCase(Locale.ROOT) + "] " + incident.system() + ": incident #"
                + incident.id() + " " + phrase + ": " + incident.title();
        String cause = incident.topCause() == null ? "not diagnosed yet"
                : incident.topCause().title() + " (" + Math.round(incident.topCause().confidence() * 100) + "%)";
        String body = "Incident #" + incident.id() + " " + phrase + ".\n"
                + "Title: " + incident.title() + "\n"
                + "System: " + incident.system() + "\n"
                + "Severity: " + incident.severity() + "\n"
                + "Status: " + IncidentStatus.of(incident.status()).name().toLowerCase(Locale.ROOT) + "\n"
                + "Top cause: " + cause + "\n"
                + link(incident.id());
        return new Message(subject, body);
    }

    String link(long incidentId) {
        return baseUrl + "/incidents/" + incidentId;
    }

    /** A rate-limit summary: the held-back notifications' subjects, one a line. */
    static Message summary(List<Outbox.Item> items, int maxPerMinute) {
        StringBuilder body = new StringBuilder();
        int shown = 0;
        for (Outbox.Item item : items) {
            if (shown++ == 25) {
                body.append("… and ").append(items.size() - 25).append(" more\n");
                break;
            }
            body.append("- ").append(item.subject()).append('\n');
        }
        return new Message(items.size() + " incident notifications held back by the rate limit (" + maxPerMinute
                + " a minute)", body.toString().strip());
    }

    /** The Slack-compatible JSON a webhook receives. */
    static String webhookJson(Message message) {
        String text = message.subject() + "\n" + message.body();
        return Json.write(Map.of("text", text, "blocks", List.of(Map.of("type", "section", "text",
                Map.of("type", "mrkdwn", "text", text.length() <= 3000 ? text : text.substring(0, 2999) + "…")))));
    }
}
