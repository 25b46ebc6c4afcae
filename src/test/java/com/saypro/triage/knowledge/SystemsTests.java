package com.saypro.triage.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import com.saypro.triage.support.IntegrationTestSupport;
import com.saypro.triage.support.TriageIntegrationTest;

@TriageIntegrationTest
class SystemsTests extends IntegrationTestSupport {

    private static final int THREADS = 8;

    @Autowired
    Systems systems;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void shouldResolveCodesAndAliasesIgnoringCase() {
        assertThat(systems.resolve("rms")).isEqualTo("rms");
        assertThat(systems.resolve("RMS")).isEqualTo("rms");
        assertThat(systems.resolve("SayPro-RMS-Prod")).isEqualTo("rms");
        assertThat(systems.resolve(" royalty-management ")).isEqualTo("rms");
        assertThat(systems.resolve("Lms")).isEqualTo("lms");
    }

    @Test
    void shouldResolveANameMatchingAnAliasPattern() {
        assertThat(systems.resolve("saypro-rms-eu-west")).isEqualTo("rms");
        assertThat(systems.resolve("SAYPRO-LMS-PROD")).isEqualTo("lms");
        assertThat(systems.resolve("lms-staging")).isEqualTo("lms");
    }

    @Test
    void shouldResolveSeveralNamesAtOnce() {
        assertThat(systems.resolveAll(List.of("RMS", "saypro-lms-prod", "rms")))
                .containsEntry("RMS", "rms").containsEntry("saypro-lms-prod", "lms").containsEntry("rms", "rms");
    }

    @Test
    void shouldCreateAnUnknownSystemOnFirstSightAndFindItAfterwards() {
        String name = "Billing-" + UUID.randomUUID().toString().substring(0, 8);

        String code = transactions.execute(status -> systems.resolve("  " + name + " "));

        assertThat(code).isEqualTo(name.toLowerCase());
        KbSystem created = systems.system(code).orElseThrow();
        assertThat(created.origin()).isEqualTo("AUTO");
        assertThat(created.name()).isEqualTo(name);
        assertThat(created.components()).isEmpty();
        assertThat(systems.resolve(name.toUpperCase())).isEqualTo(code);
        assertThat(rowsOf(code)).isEqualTo(1);
    }

    @Test
    void shouldNotCreateASystemWhenTheTransactionThatSawItRollsBack() {
        String name = "rolled-back-" + UUID.randomUUID().toString().substring(0, 8);

        transactions.executeWithoutResult(status -> {
            systems.resolve(name);
            status.setRollbackOnly();
        });

        assertThat(systems.system(name)).isEmpty();
        String code = transactions.execute(status -> systems.resolve(name));
        assertThat(code).isEqualTo(name);
        assertThat(systems.system(name)).isPresent();
    }

    @Test
    void shouldCreateAnUnknownSystemOnceWhenEightRequestsBringItAtOnce() throws Exception {
        String name = "Race-" + UUID.randomUUID().toString().substring(0, 8);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return transactions.execute(status -> systems.resolve(name));
                }));
            }
            start.countDown();
            List<String> codes = new ArrayList<>();
            for (Future<String> future : futures) {
                codes.add(future.get(60, TimeUnit.SECONDS));
            }

            assertThat(codes).containsOnly(name.toLowerCase());
            assertThat(rowsOf(name.toLowerCase())).isEqualTo(1);
            assertThat(systems.system(name.toLowerCase())).isPresent();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldFindTheWorkflowOfATransactionFromTheSystemsPatterns() {
        KbSystem rms = systems.system("rms").orElseThrow();
        KbSystem lms = systems.system("lms").orElseThrow();

        assertThat(rms.workflowOfTransaction("RoyaltyPaymentBatch/processStatement")).hasValue("royalty_payment");
        assertThat(rms.workflowOfTransaction("RoyaltyPaymentBatch/remitPayment")).hasValue("royalty_payment");
        assertThat(rms.workflowOfTransaction("GET /portal/royalty-statements/2026-10/pdf"))
                .hasValue("royalty_statement");
        assertThat(lms.workflowOfTransaction("POST /api/enrolments")).hasValue("course_registration");
        assertThat(lms.workflowOfTransaction("POST /login")).hasValue("login");
        assertThat(lms.workflowOfTransaction("GET /oauth2/callback")).hasValue("login");
        assertThat(lms.workflowOfTransaction("GET /actuator/health")).isEmpty();
    }

    private int rowsOf(String code) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM monitored_system WHERE code = ?", Integer.class, code);
    }
}
