package com.saypro.triage.durability;

import static org.assertj.core.api.Assertions.assertThat;

/** kill -9 under load and a restart on the same data: every acknowledged alert is stored. */
final class KillUnderLoad {

    /** Alerts that may be stored but never acknowledged: the requests in flight when the process died. */
    static final long IN_FLIGHT = (long) AlertLoad.THREADS * AlertLoad.BATCH;

    private KillUnderLoad() {
    }

    /**
     * Posts from four threads for 5 s, kills Triage with SIGKILL, starts it again, compares what
     * was acknowledged with what the API counts as stored and prints the figures. Triage is left
     * running. Returns the alerts stored after the restart.
     */
    static long run(TriageJar triage, String label) throws Exception {
        triage.start();
        AlertLoad load = new AlertLoad(triage, "kill").start();
        Thread.sleep(5_000);
        int exit = triage.kill();
        load.stop();
        assertThat(exit).as("destroyForcibly sends SIGKILL").isEqualTo(TriageJar.KILLED);

        triage.start();
        long stored = triage.storedAlerts();
        long acknowledged = load.acknowledged.get();
        System.out.printf("[durability] %s, kill -9 after 5 s of load: %s; after the restart stored %d%n", label,
                load.figures(), stored);
        assertThat(acknowledged).as("the load reached Triage before the kill").isPositive();
        assertThat(stored).as("every acknowledged alert is stored").isBetween(acknowledged, acknowledged + IN_FLIGHT);
        return stored;
    }
}
