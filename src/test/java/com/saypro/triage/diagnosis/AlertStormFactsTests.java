package com.saypro.triage.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.saypro.triage.diagnosis.facts.Alert;
import com.saypro.triage.incident.IncidentTimeline;
import com.saypro.triage.incident.TimelineEntry;
import com.saypro.triage.ingest.AlertWriter;
import com.saypro.triage.ingest.Incoming.AlertIn;
import com.saypro.triage.support.IntegrationTestSupport;
import com.saypro.triage.support.TriageIntegrationTest;

/**
 * An alert storm (the same alert over a thousand hosts) does not make a thousand facts: the
 * incident's alerts are summarised per name, each name kept with its first and newest alerts.
 */
@TriageIntegrationTest
class AlertStormFactsTests extends IntegrationTestSupport {

    private static final Instant START = Instant.parse("2026-11-20T10:00:00Z");

    @Autowired
    IncidentFactsLoader loader;
    @Autowired
    AlertWriter writer;
    @Autowired
    IncidentTimeline incidentTimeline;

    private static AlertIn alert(String name, int host, Instant at) {
        return new AlertIn("alertmanager", name, "storm", "node", "warning", "firing",
                Map.of("instance", "host-" + host + ":9100"), Map.of("summary", name), at, null,
                "storm-" + name + "-" + host, true);
    }

    @Test
    void shouldKeepTheFactsOfAnAlertStormSmallWithEveryAlertNameInThem() {
        emptyIncidentsAndSignals();
        List<AlertIn> storm = new ArrayList<>();
        for (int host = 0; host < 1_500; host++) {
            storm.add(alert("NodeFilesystemAlmostOutOfSpace", host, START.plusSeconds(host)));
        }
        storm.add(alert("NodeFilesystemFilesFillingUp", 0, START.plusSeconds(30)));
        // Sixty more names on a few hosts each, as a storm drags in: every name stays a fact.
        for (int name = 0; name < 60; name++) {
            for (int host = 0; host < 4; host++) {
                storm.add(alert("NodeCollector" + name + "Failed", host, START.plusSeconds(40 + name)));
            }
        }
        long incident = writer.store(storm).incidents().get(0);

        List<Alert> alerts = loader.load(incident).facts().alerts();

        assertThat(jdbc.queryForObject("SELECT alert_count FROM incident WHERE id = ?", Integer.class, incident))
                .isEqualTo(1_741);
        // A share of the budget per name, and the first of each name besides.
        assertThat(alerts).hasSizeLessThanOrEqualTo(IncidentFactsLoader.MAX_ALERTS + 62);
        assertThat(alerts).extracting(Alert::getName).contains("NodeFilesystemAlmostOutOfSpace",
                "NodeFilesystemFilesFillingUp", "NodeCollector0Failed", "NodeCollector59Failed");
        assertThat(alerts.stream().map(Alert::getName).distinct()).hasSize(62);
        // The first of the storm (what started it) and its newest are there.
        assertThat(alerts).extracting(Alert::getFingerprint).contains("storm-NodeFilesystemAlmostOutOfSpace-0",
                "storm-NodeFilesystemAlmostOutOfSpace-1499");
        assertThat(alerts).extracting(Alert::getId).isSorted();

        // The incident's page and the API list them a page at a time.
        Response page = get("/api/v1/incidents/" + incident + "/alerts?offset=1450&limit=100");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().size()).isEqualTo(100);
        assertThat(page.json().get(50).get("name").stringValue()).isEqualTo("NodeFilesystemFilesFillingUp");
        assertThat(get("/api/v1/incidents/" + incident + "/alerts?offset=1700&limit=100").json().size()).isEqualTo(41);
        assertThat(get("/api/v1/incidents/" + incident + "/alerts?limit=0").status()).isEqualTo(400);
        String html = get("/incidents/" + incident).body();
        assertThat(html).contains("Alerts 1 to 50 of 1741").contains("alertsFrom=50");
        assertThat(html.split("name=\"alerts\"", -1)).hasSize(51);
        assertThat(get("/incidents/" + incident + "?alertsFrom=1700").body()).contains("Alerts 1701 to 1741 of 1741")
                .contains("alertsFrom=1650").doesNotContain("alertsFrom=1750");
        // Past the end, the last page.
        assertThat(get("/incidents/" + incident + "?alertsFrom=99999").body()).contains("Alerts 1701 to 1741 of 1741");
        // So does its timeline, newest first: a line for each alert kept as a fact, one for the alerts
        // left out (the 1,741 held less those kept), and its record.
        int entries = alerts.size() + 2;
        String timeline = get("/api/v1/incidents/" + incident + "/timeline").body();
        assertThat(timeline).contains((1_741 - alerts.size()) + " more alerts fired and are not listed here one by one");
        assertThat(timeline.split("not listed here one by one", -1)).hasSize(2);
        // A post-mortem's condensed timeline counts every alert of each name.
        assertThat(incidentTimeline.condensed(incident)).extracting(TimelineEntry::summary)
                .anyMatch(line -> line.startsWith("alert NodeFilesystemAlmostOutOfSpace fired 1500 times"))
                .anyMatch(line -> line.startsWith("alert NodeCollector7Failed fired 4 times"));
        assertThat(entries).isGreaterThan(200);
        assertThat(html).contains("Entries 1 to 100 of " + entries).contains("recordFrom=100")
                .doesNotContain("Newer entries");
        assertThat(get("/incidents/" + incident + "?recordFrom=200").body())
                .contains("Entries 201 to " + entries + " of " + entries).contains("recordFrom=100")
                .doesNotContain("Older entries");
        assertThat(get("/incidents/" + incident + "?recordFrom=99999").body())
                .contains("Entries 201 to " + entries + " of " + entries);
    }
}
