package com.saypro.triage.support;

/** Request bodies for alert ingestion tests. */
public final class AlertMother {

    private AlertMother() {
    }

    /** An Alertmanager v4 webhook body with one alert, as Alertmanager sends it. */
    public static String alertmanager(String status, String alertname, String system, String startsAt,
            String fingerprint, String extraLabels) {
        String endsAt = "firing".equals(status) ? "0001-01-01T00:00:00Z" : "2026-11-20T11:00:00Z";
        return """
                {
                  "version": "4",
                  "groupKey": "{}:{alertname=\\"%2$s\\"}",
                  "truncatedAlerts": 0,
                  "status": "%1$s",
                  "receiver": "triage",
                  "groupLabels": {"alertname": "%2$s"},
                  "commonLabels": {"alertname": "%2$s", "system": "%3$s"},
                  "commonAnnotations": {},
                  "externalURL": "http://alertmanager:9093",
                  "alerts": [
                    {
                      "status": "%1$s",
                      "labels": {"alertname": "%2$s", "system": "%3$s", "severity": "critical"%6$s},
                      "annotations": {"summary": "%2$s on %3$s"},
                      "startsAt": "%4$s",
                      "endsAt": "%7$s",
                      "generatorURL": "http://prometheus:9090/graph",
                      "fingerprint": "%5$s"
                    }
                  ]
                }
                """.formatted(status, alertname, system, startsAt, fingerprint, extraLabels, endsAt);
    }

    public static String diskFullOnRms() {
        return alertmanager("firing", "NodeFilesystemAlmostOutOfSpace", "rms", "2026-11-20T10:00:00Z",
                "a1b2c3d4e5f60718", ", \"job\": \"node\", \"mountpoint\": \"/var\", \"instance\": \"rms-app-01:9100\"");
    }

    public static String genericAlert(String name, String system) {
        return """
                {"name": "%s", "system": "%s", "severity": "warning", "startsAt": "2026-11-20T10:00:00Z"}
                """.formatted(name, system);
    }
}
