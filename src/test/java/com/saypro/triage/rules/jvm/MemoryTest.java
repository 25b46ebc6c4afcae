package com.saypro.triage.rules.jvm;

import static com.saypro.triage.rules.FactMother.alert;
import static com.saypro.triage.rules.FactMother.log;
import static com.saypro.triage.rules.FactMother.metric;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.saypro.triage.diagnosis.facts.Alert;
import com.saypro.triage.diagnosis.facts.LogEvent;
import com.saypro.triage.diagnosis.facts.MetricSample;
import com.saypro.triage.diagnosis.facts.Symptom;
import com.saypro.triage.rules.FactMother;
import com.saypro.triage.rules.RuleFileTestSupport;

class MemoryTest extends RuleFileTestSupport {

    private static long nextId = 7_000_000;

    @Override
    protected List<String> ruleFiles() {
        return List.of("jvm/Memory.drl");
    }

    private static MetricSample heapAt(String system, double value, long minutesBefore) {
        Instant at = FactMother.OPENED_AT.minusSeconds(minutesBefore * 60);
        return new MetricSample(nextId++, system, "", "jvm_heap_utilization", value, "", at, Map.of(), minutesBefore);
    }

    private static Alert alertAt(String name, String system, String status, long minutesBefore) {
        Instant at = FactMother.OPENED_AT.minusSeconds(minutesBefore * 60);
        return new Alert(nextId++, name, system, "", "warning", status, Map.of("area", "heap"), Map.of(), at, null,
                "fp-" + nextId, minutesBefore);
    }

    private static LogEvent logAt(String system, String message, long minutesBefore) {
        Instant at = FactMother.OPENED_AT.minusSeconds(minutesBefore * 60);
        return new LogEvent(nextId++, system, "", "ERROR", message, "app", at, minutesBefore);
    }

    @Test
    void shouldSuggestUndersizedHeapWhenHeapIsFillingUp() {
        insert(alert("JvmMemoryFillingUp", "rms", "area", "heap"));
        fire();

        assertFired("Firing alert recognised from the catalog shows its symptom", "Nearly full heap suggests an undersized JVM heap");
        assertThat(symptomCodes()).containsExactly("JVM_HEAP_HIGH");
        assertThat(rankedCauses()).containsExactly("JVM_GC_PRESSURE");
        assertThat(confidence("JVM_GC_PRESSURE")).isEqualTo(0.4);
        // alert + reading + symptom + vote
        assertThat(workingMemorySize()).isEqualTo(4);
    }

    @Test
    void shouldBeConfidentOfAnUndersizedHeapWhenHeapIsFullAndGcIsBusy() {
        insert(alert("JvmHeapUsageHigh", "rms"), alert("JvmGcPauseHigh", "rms"));
        fire();

        assertFired("Nearly full heap with heavy garbage collection suggests an undersized JVM heap");
        assertThat(symptomCodes()).containsExactly("JVM_GC_PRESSURE", "JVM_HEAP_HIGH");
        assertThat(confidence("JVM_GC_PRESSURE")).isEqualTo(0.85);
    }

    @Test
    void shouldRecogniseHeapAlertVariantsButNotNonHeapMemory() {
        insert(alert("JvmHeapMemoryHigh", "a"), alert("JvmMemoryUsageHigh", "b", "area", "heap"),
                alert("JvmMemoryUsageHigh", "c", "area", "nonheap"), alert("JvmMetaspaceFull", "d"),
                alert("HostOutOfMemory", "e"));
        fire();

        assertThat(symptoms()).filteredOn(s -> s.getCode().equals("JVM_HEAP_HIGH")).extracting(Symptom::getSystem)
                .containsExactlyInAnyOrder("a", "b");
        assertThat(symptoms()).filteredOn(s -> s.getSystem().equals("c") || s.getSystem().equals("d"))
                .extracting(Symptom::getCode).as("non-heap memory is the JVM's memory, not its heap")
                .containsOnly("HIGH_MEMORY");
    }

    @Test
    void shouldRecogniseGcAlertVariantsButNotLookalikes() {
        insert(alert("JvmGcTimeHigh", "a"), alert("JvmGcTimeTooHigh", "b"), alert("JvmOldGenGcFrequency", "c"),
                alert("GcpQuotaHigh", "d"), alert("HighGcPauses", "e"));
        fire();

        assertThat(symptoms()).filteredOn(s -> s.getCode().equals("JVM_GC_PRESSURE")).extracting(Symptom::getSystem)
                .containsExactlyInAnyOrder("a", "b", "c", "e");
        assertThat(symptoms()).filteredOn(s -> s.getSystem().equals("d")).extracting(Symptom::getCode)
                .as("a cloud quota nearly used up is capacity, not garbage collection").containsExactly("CAPACITY_EXHAUSTED");
    }

    @Test
    void shouldSeeHeapAndGcPressureInMetricsAboveThresholdsOnly() {
        insert(metric("a", "jvm_heap_utilization", 0.95), metric("b", "jvm_heap_utilization", 0.6),
                metric("c", "jvm_gc_pause_ratio", 0.25), metric("d", "gc_time_fraction", 0.02),
                metric("e", "gc_time_fraction", 0.3));
        fire();

        assertThat(symptoms()).extracting(Symptom::getCode, Symptom::getSystem).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("JVM_HEAP_HIGH", "a"),
                org.assertj.core.groups.Tuple.tuple("JVM_GC_PRESSURE", "c"),
                org.assertj.core.groups.Tuple.tuple("JVM_GC_PRESSURE", "e"));
    }

    @Test
    void shouldSeeGcPressureInGcLogs() {
        insert(log("rms", "INFO", "[gc] GC(1234) Pause Full (Allocation Failure) 1998M->1990M(2048M) 4321.123ms"));
        fire();

        assertThat(symptomCodes()).containsExactly("JVM_GC_PRESSURE");
        assertThat(confidence("JVM_GC_PRESSURE")).isEqualTo(0.5);
    }

    @Test
    void shouldSuggestMemoryLeakWhenJavaRunsOutOfHeap() {
        insert(log("rms", "ERROR", "Exception in thread \"royalty-worker-3\" java.lang.OutOfMemoryError: Java heap space"),
                log("rms", "ERROR", "java.lang.OutOfMemoryError: Java heap space\n\tat java.util.Arrays.copyOf(Arrays.java:3332)"));
        fire();

        assertFired("Java heap OutOfMemoryError shows an exhausted heap", "Java heap OutOfMemoryError suggests a memory leak");
        assertThat(symptomCodes()).containsExactly("JVM_HEAP_HIGH");
        assertThat(confidence("MEMORY_LEAK")).isEqualTo(0.45);
        assertThat(rankedCauses()).containsExactly("MEMORY_LEAK", "JVM_GC_PRESSURE");
    }

    @Test
    void shouldSuggestMemoryLeakWhenOutOfMemoryFollowsALongHeapAlert() {
        insert(alertAt("JvmMemoryFillingUp", "rms", "firing", 45),
                logAt("rms", "java.lang.OutOfMemoryError: Java heap space", 2));
        fire();

        assertFired("OutOfMemoryError long after a heap alert began suggests a memory leak");
        assertThat(confidence("MEMORY_LEAK")).isEqualTo(0.615);
        assertThat(rankedCauses()).first().isEqualTo("MEMORY_LEAK");
    }

    @Test
    void shouldNotCallAHeapAlertJustBeforeOutOfMemoryPersistent() {
        insert(alertAt("JvmMemoryFillingUp", "rms", "firing", 5),
                logAt("rms", "java.lang.OutOfMemoryError: Java heap space", 2));
        fire();

        assertNotFired("OutOfMemoryError long after a heap alert began suggests a memory leak");
        assertThat(confidence("MEMORY_LEAK")).isEqualTo(0.45);
    }

    @Test
    void shouldSuggestMemoryLeakWhenHeapClimbsThroughTheHour() {
        insert(heapAt("rms", 0.55, 60), heapAt("rms", 0.68, 40), heapAt("rms", 0.79, 20), heapAt("rms", 0.93, 1));
        fire();

        assertFired("Heap usage climbing through the hour suggests a memory leak");
        assertThat(confidence("MEMORY_LEAK")).isEqualTo(0.45);
        assertThat(votes()).extracting(v -> v.getCauseCode()).containsExactlyInAnyOrder("MEMORY_LEAK", "JVM_GC_PRESSURE");
    }

    @Test
    void shouldNotSeeALeakWhenTheHeapFallsBackAfterCollection() {
        insert(heapAt("rms", 0.6, 60), heapAt("rms", 0.4, 40), heapAt("rms", 0.93, 1));
        fire();

        assertNotFired("Heap usage climbing through the hour suggests a memory leak");
        assertThat(confidence("MEMORY_LEAK")).isZero();
    }

    @Test
    void shouldNotSeeALeakFromTwoSamples() {
        insert(heapAt("rms", 0.5, 60), heapAt("rms", 0.92, 1));
        fire();

        assertNotFired("Heap usage climbing through the hour suggests a memory leak");
    }

    @Test
    void shouldIgnoreResolvedAlertsAndHealthyHeap() {
        insert(alertAt("JvmHeapUsageHigh", "rms", "resolved", 30), heapAt("rms", 0.5, 10), heapAt("rms", 0.55, 1));
        fire();

        assertThat(symptomCodes()).isEmpty();
        assertThat(votes()).isEmpty();
        assertThat(workingMemorySize()).as("the facts and the alert's reading").isEqualTo(4);
    }
}
