package com.saypro.triage.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.saypro.triage.support.IntegrationTestSupport;
import com.saypro.triage.support.TestDatabase;
import com.saypro.triage.support.Times;
import com.saypro.triage.support.TriageIntegrationTest;

import tools.jackson.databind.JsonNode;

/**
 * The demo feed fills an empty Triage on the embedded database (the player's clock driven by
 * the test) and is refused on MariaDB.
 */
@TriageIntegrationTest
class DemoFeedTests extends IntegrationTestSupport {

    @Autowired
    DemoFeed demo;

    @Test
    void shouldPlayTheWorkedExamplesIntoIncidentsOnTheEmbeddedDatabaseOnly() {
        if (TestDatabase.mariaDb()) {
            assertThat(demo.offered()).isFalse();
            assertThatThrownBy(() -> demo.start(Times.now())).hasMessageContaining("only plays into the embedded");
            assertThat(get("/").body()).doesNotContain("play-demo");
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM incident", Integer.class)).isZero();
            return;
        }
        assertThat(get("/").body()).contains("Play a demo incident");

        Instant start = Times.now();
        assertThat(demo.start(start)).isGreaterThan(30);
        assertThat(get("/").body()).doesNotContain("play-demo");
        // What happened before the first alert is stored at once; the alerts wait for their time.
        demo.play(start);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM log_event", Integer.class)).isPositive();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM incident", Integer.class)).isZero();

        demo.play(start.plus(Duration.ofMinutes(5)));
        assertThat(demo.playing()).isFalse();
        JsonNode incidents = get("/api/v1/incidents?status=open").json();
        assertThat(incidents).extracting(i -> i.get("system").asString()).containsExactlyInAnyOrder("rms", "lms");
        long rms = java.util.stream.StreamSupport.stream(incidents.spliterator(), false)
                .filter(i -> i.get("system").asString().equals("rms")).findFirst().orElseThrow().get("id").asLong();
        assertThat(get("/api/v1/incidents/" + rms + "/diagnosis").json().get("candidates").get(0).get("causeCode")
                .asString()).isEqualTo("SLOW_DATABASE_QUERY");
        assertThat(jdbc.queryForObject("SELECT MIN(opened_at) FROM incident", java.sql.Timestamp.class).toInstant())
                .isAfter(start.minus(Duration.ofMinutes(1)));
    }
}
