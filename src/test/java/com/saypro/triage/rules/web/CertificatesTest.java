package com.saypro.triage.rules.web;

import static com.saypro.triage.rules.FactMother.alert;
import static com.saypro.triage.rules.FactMother.answer;
import static com.saypro.triage.rules.FactMother.criticalAlert;
import static com.saypro.triage.rules.FactMother.log;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.saypro.triage.diagnosis.facts.Symptom;
import com.saypro.triage.rules.RuleFileTestSupport;

class CertificatesTest extends RuleFileTestSupport {

    @Override
    protected List<String> ruleFiles() {
        return List.of("web/Certificates.drl");
    }

    @Test
    void shouldSuggestCertificateExpiryModeratelyForACertificateExpiringSoon() {
        insert(alert("BlackboxSslCertificateWillExpireSoon", "lms", "instance", "lms.saypro.online:443"));
        fire();
        assertThat(symptoms()).containsExactly(new Symptom("CERT_EXPIRING", "lms", "lms.saypro.online:443", ""));
        assertNotFired("Certificate expired alert confirms certificate expiry");
        assertThat(confidence("CERTIFICATE_EXPIRY")).isEqualTo(0.45);
        assertThat(questionCodes()).containsExactly("CERT_EXPIRY_DATE");
    }

    @Test
    void shouldRecogniseTheCommonCertificateAlertNames() {
        List<String> names = List.of("BlackboxSslCertificateWillExpireSoon", "BlackboxSslCertificateExpired",
                "SslCertExpiringSoon", "NginxCertificateExpiry", "KubeClientCertificateExpiration",
                "CertManagerCertExpirySoon");
        for (String name : names) {
            insert(alert(name, "lms", "instance", name, "component", name));
        }
        fire();
        assertThat(symptoms()).hasSize(names.size()).extracting(Symptom::getCode).containsOnly("CERT_EXPIRING");
    }

    @Test
    void shouldGiveAnExpiredCertificateAlertAtLeastPointEight() {
        insert(criticalAlert("BlackboxSslCertificateExpired", "rms", "instance", "rms.saypro.online:443"));
        fire();
        assertFired("Certificate expired alert confirms certificate expiry");
        assertThat(confidence("CERTIFICATE_EXPIRY")).isGreaterThanOrEqualTo(0.8);
    }

    @Test
    void shouldGiveAnExpiredCertificateLogLineAtLeastPointEight() {
        insert(log("lms", "ERROR", "x509: certificate has expired or is not yet valid: current time 2026-11-20T10:00:00Z is after 2026-11-19T23:59:59Z"));
        fire();
        assertThat(symptomCodes()).containsExactly("CERT_EXPIRING");
        assertThat(confidence("CERTIFICATE_EXPIRY")).isGreaterThanOrEqualTo(0.8);
    }

    @Test
    void shouldOnlyHintAtExpiryForAGenericHandshakeFailure() {
        insert(log("lms", "ERROR", "javax.net.ssl.SSLHandshakeException: PKIX path validation failed"));
        fire();
        assertThat(symptomCodes()).containsExactly("CERT_EXPIRING");
        assertThat(confidence("CERTIFICATE_EXPIRY")).isEqualTo(0.45);
        assertThat(questionCodes()).containsExactly("CERT_EXPIRY_DATE");
    }

    @Test
    void shouldStrengthenWhenTheAnalystConfirmsTheExpiryDate() {
        insert(log("lms", "ERROR", "SSLHandshakeException: Received fatal alert: certificate_unknown"),
                answer("CERT_EXPIRY_DATE", "yes"));
        fire();
        assertThat(questionCodes()).isEmpty();
        assertThat(confidence("CERTIFICATE_EXPIRY")).isEqualTo(0.78);
    }

    @Test
    void shouldRuleCertificateExpiryOutWhenTheAnalystSeesAValidCertificate() {
        insert(criticalAlert("BlackboxSslCertificateExpired", "rms"), log("rms", "ERROR", "certificate has expired"),
                answer("CERT_EXPIRY_DATE", "no"));
        fire();
        assertThat(votes()).isEmpty();
        assertThat(questionCodes()).isEmpty();
    }

    @Test
    void shouldIgnoreUnrelatedLogsAndAlerts() {
        insert(log("lms", "ERROR", "Connection refused"), alert("HostHighCpuLoad", "lms"));
        fire();
        assertThat(symptomCodes()).containsExactly("HIGH_CPU");
        assertThat(votes()).isEmpty();
        assertThat(questionCodes()).isEmpty();
    }
}
