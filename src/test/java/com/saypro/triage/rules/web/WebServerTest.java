package com.saypro.triage.rules.web;

import static com.saypro.triage.rules.FactMother.alert;
import static com.saypro.triage.rules.FactMother.alertWithSeverity;
import static com.saypro.triage.rules.FactMother.criticalAlert;
import static com.saypro.triage.rules.FactMother.log;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import com.saypro.triage.diagnosis.facts.Symptom;
import com.saypro.triage.rules.RuleFileTestSupport;

class WebServerTest extends RuleFileTestSupport {

    @Override
    protected List<String> ruleFiles() {
        return List.of("web/WebServer.drl");
    }

    @Test
    void shouldDeriveHighErrorRateFromWebServer5xxAlerts() {
        insert(alert("NginxHighHttp5xxErrorRate", "lms"), alert("HaproxyHighHttp5xxErrorRateBackend", "rms"));
        fire();
        assertThat(symptoms()).extracting(Symptom::getCode).containsOnly("HIGH_ERROR_RATE");
        assertThat(symptoms()).extracting(Symptom::getSystem).containsExactlyInAnyOrder("lms", "rms");
        assertThat(votes()).isEmpty();
    }

    @Test
    void shouldNotTreatClientErrorsAsServerErrors() {
        insert(alert("NginxHighHttp4xxErrorRate", "lms"));
        fire();
        assertThat(symptomCodes()).containsExactly("CLIENT_ERRORS_HIGH");
        assertThat(votes()).isEmpty();
    }

    @Test
    void shouldDeriveSlowResponseFromWebServerLatencyAlerts() {
        insert(alert("NginxLatencyHigh", "lms"), alert("HaproxyHttpSlowingDown", "rms"));
        fire();
        assertThat(symptoms()).extracting(Symptom::getCode).containsOnly("SLOW_RESPONSE");
        assertThat(symptoms()).hasSize(2);
        assertThat(votes()).isEmpty();
    }

    @Test
    void shouldDeriveServiceDownAndSuggestEndpointDownWhenApacheIsDown() {
        insert(criticalAlert("ApacheDown", "lms", "instance", "lms-web-1:9117"));
        fire();
        assertThat(symptomCodes()).containsExactly("SERVICE_DOWN");
        assertThat(rankedCauses()).containsExactly("ENDPOINT_DOWN");
        assertThat(confidence("ENDPOINT_DOWN")).isEqualTo(0.5);
    }

    @Test
    void shouldTreatNginxAndHaproxyBackendsDownAlike() {
        insert(alert("NginxDown", "lms"), alert("HaproxyServerDown", "rms", "server", "rms-app-2"),
                alert("HaproxyBackendDown", "rms", "backend", "rms"));
        fire();
        assertThat(symptoms()).extracting(Symptom::getCode).containsOnly("SERVICE_DOWN");
        assertThat(votes()).hasSize(2);
    }

    @Test
    void shouldNotBlameTheWebServerWhenItsHostIsUnreachable() {
        insert(alert("NginxDown", "lms"), new Symptom("HOST_UNREACHABLE", "lms", "lms-web-1", "HostDown"));
        fire();
        assertThat(votes()).isEmpty();
    }

    @Test
    void shouldSuggestWebServerSaturationWhenApacheWorkersAreBusy() {
        insert(alert("ApacheWorkersLoad", "lms"));
        fire();
        assertThat(rankedCauses()).containsExactly("WEB_SERVER_SATURATION");
        assertThat(confidence("WEB_SERVER_SATURATION")).isEqualTo(0.5);
        assertThat(symptomCodes()).containsExactly("WORKERS_SATURATED");
    }

    @Test
    void shouldStrengthenSaturationWithWorkerLimitLogLines() {
        insert(alert("NginxHighActiveConnections", "lms"),
                log("lms", "WARN", "2026/11/20 09:58:01 [alert] 1234#0: 1024 worker_connections are not enough"),
                log("lms", "ERROR", "[mpm_event:error] AH03490: server reached MaxRequestWorkers setting"));
        fire();
        assertFired("Web server log reports worker or connection limit reached suggests web server saturation");
        assertThat(votes()).hasSize(2);
        assertThat(confidence("WEB_SERVER_SATURATION")).isEqualTo(0.8);
    }

    @Test
    void shouldPointAtTheApplicationBehindTheWebServerForUpstreamErrors() {
        insert(log("lms", "ERROR", "upstream timed out (110: Connection timed out) while reading response header from upstream"),
                log("rms", "ERROR", "connect() failed (111: Connection refused) while connecting to upstream, client: 10.0.0.9"),
                log("rms", "ERROR", "GET /royalties HTTP/1.1 502 Bad Gateway"));
        fire();
        assertThat(confidence("SERVER_RESOURCE_BOTTLENECK")).isEqualTo(0.3);
        assertThat(confidence("ENDPOINT_DOWN")).isEqualTo(0.35);
        assertThat(votes()).hasSize(2);
    }

    @Test
    void shouldOnlyHintAtACrashLoopForAnApacheRestart() {
        insert(alertWithSeverity("ApacheRestart", "lms", "info"));
        fire();
        assertThat(symptomCodes()).containsExactly("RESTARTED");
        assertThat(confidence("ENDPOINT_DOWN")).isEqualTo(0.2);
    }

    @Test
    void shouldIgnoreNonWebServerAlerts() {
        insert(alert("SpringBootHttp5xxErrorRate", "lms"), alert("TargetDown", "lms", "job", "lms-app"));
        fire();
        assertThat(symptomCodes()).containsExactly("HIGH_ERROR_RATE", "SERVICE_DOWN");
        assertThat(votes()).isEmpty();
    }

    @Test
    void shouldCountAProxyTimeoutLineOnceThoughItIsAlsoANetworkTimeout() {
        insert(log("lms", "ERROR", "upstream timed out (110: Connection timed out) while reading response header from upstream"),
                log("lms", "ERROR", "upstream timed out (110: Connection timed out) while connecting to upstream"));
        fire();
        assertThat(votes()).extracting(v -> v.getCauseCode()).containsExactly("SERVER_RESOURCE_BOTTLENECK");
        assertThat(confidence("SERVER_RESOURCE_BOTTLENECK")).isEqualTo(0.3);
    }

    /** Saturated workers are also read by the platform request rules; together they count once. */
    @Nested
    class WithThePlatformRequestRules extends RuleFileTestSupport {

        @Override
        protected List<String> ruleFiles() {
            return List.of("web/WebServer.drl", "platform/Requests.drl");
        }

        @Test
        void shouldCountSaturatedWorkersOnceForWebServerSaturation() {
            insert(alert("ApacheWorkersLoad", "lms"));
            fire();
            assertFired("Web server workers or connections at their limit suggest web server saturation",
                    "Saturated web server workers suggest web server saturation");
            assertThat(confidence("WEB_SERVER_SATURATION")).isEqualTo(0.55);
        }
    }
}
