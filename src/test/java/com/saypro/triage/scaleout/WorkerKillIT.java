package com.saypro.triage.scaleout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import com.saypro.triage.durability.Required;
import com.saypro.triage.durability.TriageJar;
import com.saypro.triage.support.TestDatabase;

/**
 * Scale-out over a real Kafka broker (embedded in this test) and one MariaDB database: the
 * built jar runs as one ingestion node and two workers. Unique alerts and metric samples of 24
 * systems stream in; one worker is killed with SIGKILL while it stores them. Its partitions
 * move to the other worker while the stream goes on, every acknowledged signal is stored
 * exactly once, the stale diagnoses are all made, and no incident was ever diagnosed by the
 * two workers at once (each worker logs when it starts and ends diagnosing an incident).
 */
class WorkerKillIT {

    private static final String TOPIC = "triage.signals";
    private static final String GROUP = "triage-workers";
    private static final int PARTITIONS = 12;
    private static final int SYSTEMS = 24;
    private static final Duration WITHIN = Duration.ofSeconds(60);

    private EmbeddedKafkaKraftBroker broker;

    @Test
    void shouldMoveAKilledWorkersSystemsToTheOtherWorkerLosingNothingAndDiagnosingEachIncidentOnceAtATime()
            throws Exception {
        String database = database();
        Path runs = TriageJar.workDir("scaleout");
        try {
            broker = new EmbeddedKafkaKraftBroker(1, 1);
            broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
            broker.afterPropertiesSet();
            run(runs, database);
        } finally {
            if (broker != null) {
                broker.destroy();
            }
            dropDatabase(database);
        }
        TriageJar.deleteTree(runs);
    }

    private void run(Path runs, String database) throws Exception {
        try (TriageJar ingest = node(runs, "ingest", "ingest", database);
                TriageJar first = node(runs, "worker-1", "worker", database);
                TriageJar second = node(runs, "worker-2", "worker", database)) {
            // One node first: it migrates the new database and seeds it, then the workers join.
            ingest.start();
            startTogether(first, second);
            await().atMost(WITHIN).until(() -> owners().size() == 2 && owners().values().stream()
                    .allMatch(partitions -> partitions.size() == PARTITIONS / 2));
            Set<Integer> ofSecond = owners().get("worker-2");

            SignalLoad load = new SignalLoad(ingest::uri, TriageJar.INGEST_TOKEN, 3, 20, SYSTEMS, 600).start();
            // Mid-stream: the worker to be killed has stored and diagnosed some of its systems' signals.
            await().atMost(WITHIN).until(() -> storedUpTo(database, ofSecond) > 600
                    && DiagnosisLog.read(second.log(), null).size() > 0);
            long storedAtKill = storedUpTo(database, ofSecond);
            Instant killedAt = Instant.now();
            assertThat(second.kill()).as("SIGKILL").isEqualTo(TriageJar.KILLED);

            // The stream goes on: the survivor takes the partitions and stores on from where the other stopped.
            await().atMost(WITHIN).until(() -> owners().equals(Map.of("worker-1", allPartitions())));
            await().atMost(WITHIN).until(() -> storedUpTo(database, ofSecond) > storedAtKill + 600);
            load.stop();
            System.out.printf("[scaleout] killed worker-2 (partitions %s) mid-stream; %s%n", ofSecond, load.figures());

            assertThat(load.alertsAcknowledged.get()).as(load.figures()).isEqualTo(load.alertsSent.get());
            assertThat(load.metricsAcknowledged.get()).as(load.figures()).isEqualTo(load.metricsSent.get());
            await().atMost(WITHIN).until(() -> number(database, SignalLoad.STORED_ALERTS) >= load.alertsAcknowledged.get()
                    && number(database, SignalLoad.STORED_METRICS) >= load.metricsAcknowledged.get());
            assertThat(number(database, SignalLoad.STORED_ALERTS))
                    .as("every acknowledged alert stored once").isEqualTo(load.alertsAcknowledged.get());
            assertThat(number(database, "SELECT COUNT(DISTINCT fingerprint) FROM alert WHERE fingerprint LIKE"
                    + " 'scaleout-%'")).isEqualTo(load.alertsAcknowledged.get());
            assertThat(number(database, "SELECT COALESCE(SUM(duplicates), 0) FROM alert"))
                    .as("no record stored again and counted as a duplicate").isZero();
            assertThat(number(database, SignalLoad.STORED_METRICS))
                    .as("every acknowledged metric sample stored once").isEqualTo(load.metricsAcknowledged.get());

            await().atMost(WITHIN).until(() -> number(database, "SELECT COUNT(*) FROM incident WHERE status = 'OPEN'"
                    + " AND (diagnosed_revision IS NULL OR diagnosed_revision <> facts_revision)") == 0);
            DiagnosisLog byFirst = DiagnosisLog.read(first.log(), null);
            DiagnosisLog bySecond = DiagnosisLog.read(second.log(), killedAt);
            System.out.printf("[scaleout] diagnoses: worker-1 %d, worker-2 %d (before its kill); diagnosis runs %d%n",
                    byFirst.size(), bySecond.size(), number(database, "SELECT COUNT(*) FROM diagnosis_run"));
            assertThat(bySecond.size()).as("the killed worker diagnosed its systems' incidents").isPositive();
            assertThat(byFirst.overlapsWith(bySecond)).as("incidents diagnosed by both workers at once").isEmpty();
            assertThat(byFirst.partitionsAfter(killedAt)).as("the survivor diagnoses the moved systems' incidents")
                    .containsAnyElementsOf(ofSecond);
            // A pass that finds the incident already current, or a ranking unchanged, stores no new run.
            assertThat(number(database, "SELECT COUNT(*) FROM diagnosis_run"))
                    .as("every diagnosis was made by a worker's pass and logged")
                    .isBetween(1L, (long) byFirst.size() + bySecond.size());
        }
    }

    private TriageJar node(Path runs, String name, String role, String database) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("TRIAGE_DB_URL", database);
        env.put("TRIAGE_DB_USER", TestDatabase.user());
        env.put("TRIAGE_DB_PASSWORD", TestDatabase.password());
        env.put("TRIAGE_KAFKA_BOOTSTRAP_SERVERS", broker.getBrokersAsString());
        env.put("TRIAGE_KAFKA_ROLE", role);
        // A killed worker's partitions move after 6 s without a heartbeat (the broker's least).
        env.put("SPRING_APPLICATION_JSON", """
                {"spring.kafka.client-id": "%s", "triage.diagnosis.refresh-interval": "500ms",
                 "spring.kafka.consumer.properties.session.timeout.ms": "6000",
                 "spring.kafka.consumer.properties.heartbeat.interval.ms": "1000",
                 "logging.level.com.saypro.triage.scaleout.OwnedDiagnoses": "DEBUG"}
                """.formatted(name));
        return new TriageJar(Files.createDirectories(runs.resolve(name)), env);
    }

    private static void startTogether(TriageJar... nodes) throws Exception {
        ExecutorService starting = Executors.newFixedThreadPool(nodes.length);
        try {
            List<Future<TriageJar>> started = new ArrayList<>();
            for (TriageJar node : nodes) {
                started.add(starting.submit(node::start));
            }
            for (Future<TriageJar> node : started) {
                node.get();
            }
        } finally {
            starting.shutdownNow();
        }
    }

    private static Set<Integer> allPartitions() {
        Set<Integer> all = new TreeSet<>();
        for (int p = 0; p < PARTITIONS; p++) {
            all.add(p);
        }
        return all;
    }

    /** The group's members (by client id, without the container's suffix) and the partitions each owns now. */
    private Map<String, Set<Integer>> owners() {
        ConsumerGroupDescription group = broker.doWithAdminFunction(admin -> {
            try {
                return admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Map<String, Set<Integer>> owners = new HashMap<>();
        for (MemberDescription member : group.members()) {
            Set<Integer> partitions = new TreeSet<>();
            for (TopicPartition partition : member.assignment().topicPartitions()) {
                if (partition.topic().equals(TOPIC)) {
                    partitions.add(partition.partition());
                }
            }
            owners.merge(member.clientId().replaceAll("-\\d+$", ""), partitions, (a, b) -> {
                a.addAll(b);
                return a;
            });
        }
        return owners;
    }

    /** The next offset to store of each of these partitions, as the workers recorded it. */
    private static Map<Integer, Long> storedOffsets(String database, Set<Integer> partitions) {
        Map<Integer, Long> offsets = new HashMap<>();
        partitions.forEach(p -> offsets.put(p, 0L));
        query(database, "SELECT partition_no, next_offset FROM signal_offset", rs -> {
            if (partitions.contains(rs.getInt(1))) {
                offsets.put(rs.getInt(1), rs.getLong(2));
            }
        });
        return offsets;
    }

    private static long storedUpTo(String database, Set<Integer> partitions) {
        return storedOffsets(database, partitions).values().stream().mapToLong(Long::longValue).sum();
    }

    private static long number(String database, String sql) {
        long[] value = new long[1];
        query(database, sql, rs -> value[0] = rs.getLong(1));
        return value[0];
    }

    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private static void query(String database, String sql, Row row) {
        try (Connection connection = DriverManager.getConnection(database, TestDatabase.user(), TestDatabase.password());
                Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                row.read(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** A database of this test's own on the MariaDB of TRIAGE_TEST_MARIADB_URL, or the test is skipped. */
    private static String database() {
        try {
            return TestDatabase.freshMariaDb("_scaleout");
        } catch (IllegalStateException e) {
            Required.orSkip("MariaDB is not reachable or refuses to create a database (" + e.getCause() + ")",
                    "Start MariaDB on 127.0.0.1:3306 (user root, no password) or set TRIAGE_TEST_MARIADB_URL with a user"
                            + " that may create databases named like the test database plus _scaleout");
            throw e;
        }
    }

    private static void dropDatabase(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(TestDatabase.serverUrl(), TestDatabase.user(),
                TestDatabase.password())) {
            connection.createStatement().execute("DROP DATABASE IF EXISTS " + url.substring(url.lastIndexOf('/') + 1));
        }
    }
}
