package com.saypro.triage.monitoring.stream;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.conf.EventProcessingOption;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.conf.ClockTypeOption;
import org.kie.api.runtime.rule.FactHandle;
import org.kie.api.time.SessionPseudoClock;

import com.saypro.triage.ingest.Incoming.MetricIn;
import com.saypro.triage.monitoring.stream.Crossings.Crossing;
import com.saypro.triage.rules.CompiledRuleBase;
import com.saypro.triage.rules.RuleBaseCompiler;
import com.saypro.triage.rules.RuleSource;

/**
 * One long-lived Drools session in stream mode, fed with metric samples, that raises and
 * clears threshold alerts (rules in {@code rules/thresholds/}).
 * <p>
 * Its clock is a pseudo clock driven by the samples' own timestamps: it moves to the newest
 * measured time seen (never back, never past the wall clock), so windows and for-durations
 * follow when the samples were measured, not when they arrived, and a batch sent late counts
 * as when it was measured. Samples are taken in measured order; a sample older than the newest
 * one of its series still counts in that series' later windows, but is not evaluated on its
 * own (the series' state is never rewound).
 * <p>
 * Working memory stays bounded whatever the rate: each series keeps only as many readings as
 * the longest "N of the last M" in force needs (its M newest by measured time); older ones
 * leave as newer ones come, and every reading leaves after 30 minutes.
 * <p>
 * Not thread-safe by design beyond its monitor: one thread feeds it.
 */
public final class ThresholdStream implements AutoCloseable {

    /** How long a series' newest-evaluated time is remembered: the readings' expiry. */
    private static final long MEMORY_MILLIS = TimeUnit.MINUTES.toMillis(30);

    private final KieSession session;
    private final SessionPseudoClock clock;
    private final Crossings crossings = new Crossings();
    private final LongSupplier wallClock;
    private final Map<String, Long> newestBySeries = new HashMap<>();
    private final List<FactHandle> thresholdHandles = new ArrayList<>();
    /** Per series, the readings in working memory, oldest first. */
    private final Map<String, List<Kept>> keptBySeries = new HashMap<>();
    /** The readings a series keeps: the largest M of the thresholds in force. */
    private int readingsPerSeries = 1;
    private long samples;

    private record Kept(long at, FactHandle handle) {
    }

    public ThresholdStream(KieBase kieBase, LongSupplier wallClock) {
        KieSessionConfiguration configuration = KieServices.Factory.get().newKieSessionConfiguration();
        configuration.setOption(ClockTypeOption.PSEUDO);
        this.session = kieBase.newKieSession(configuration, null);
        this.session.setGlobal("crossings", crossings);
        this.clock = session.getSessionClock();
        this.wallClock = wallClock;
    }

    /** Compiles the threshold rules for a stream session. */
    public static CompiledRuleBase compile(String origin, List<RuleSource> sources) {
        var configuration = KieServices.Factory.get().newKieBaseConfiguration();
        configuration.setOption(EventProcessingOption.STREAM);
        return new RuleBaseCompiler().compile(origin, sources, configuration);
    }

    /** Replaces the thresholds in force. */
    public synchronized void useThresholds(List<Threshold> thresholds) {
        thresholdHandles.forEach(session::delete);
        thresholdHandles.clear();
        thresholds.forEach(t -> thresholdHandles.add(session.insert(t)));
        readingsPerSeries = Math.max(1, thresholds.stream().mapToInt(Threshold::getSamplesOf).max().orElse(1));
    }

    /** Feeds samples (in any order) and returns the thresholds they crossed or cleared, oldest first. */
    public synchronized List<Crossing> accept(List<MetricIn> batch) {
        List<MetricIn> ordered = batch.stream().sorted(Comparator.comparing(MetricIn::timestamp)).toList();
        for (MetricIn sample : ordered) {
            Reading reading = new Reading(sample.system(), sample.metric(), sample.component(),
                    sample.labels().getOrDefault("workflow", ""), sample.labels().getOrDefault("probe", ""),
                    sample.value(), sample.timestamp().toEpochMilli());
            advanceTo(reading.getAt());
            String key = reading.getSystem() + '\n' + reading.getMetric() + '\n' + reading.getSeries();
            keep(key, reading);
            Long newest = newestBySeries.get(key);
            if (newest == null || reading.getAt() >= newest) {
                newestBySeries.put(key, reading.getAt());
                session.insert(new Evaluation(reading));
                session.fireAllRules();
            }
            samples++;
        }
        forgetQuietSeries();
        return crossings.drain();
    }

    /**
     * Puts the reading in working memory among its series' newest, and takes out the series'
     * oldest beyond what the thresholds look at. A late reading older than all of a full
     * series' readings would be taken out at once, so it is not put in.
     */
    private void keep(String key, Reading reading) {
        List<Kept> kept = keptBySeries.computeIfAbsent(key, k -> new ArrayList<>());
        kept.removeIf(k -> session.getObject(k.handle()) == null); // expired
        if (kept.size() >= readingsPerSeries && reading.getAt() < kept.get(0).at()) {
            return;
        }
        int at = kept.size();
        while (at > 0 && kept.get(at - 1).at() > reading.getAt()) {
            at--;
        }
        kept.add(at, new Kept(reading.getAt(), session.insert(reading)));
        while (kept.size() > readingsPerSeries) {
            session.delete(kept.remove(0).handle());
        }
    }

    private void advanceTo(long at) {
        long target = Math.min(at, wallClock.getAsLong());
        long now = clock.getCurrentTime();
        if (target > now) {
            clock.advanceTime(target - now, TimeUnit.MILLISECONDS);
        }
    }

    private void forgetQuietSeries() {
        long horizon = clock.getCurrentTime() - MEMORY_MILLIS;
        for (Iterator<Map.Entry<String, Long>> newest = newestBySeries.entrySet().iterator(); newest.hasNext();) {
            Map.Entry<String, Long> series = newest.next();
            if (series.getValue() < horizon) {
                newest.remove();
                keptBySeries.remove(series.getKey());
            }
        }
    }

    /** Facts in working memory: readings not yet expired, series states and thresholds. */
    public synchronized long factCount() {
        return session.getFactCount();
    }

    public synchronized long samplesSeen() {
        return samples;
    }

    /** The session clock: the newest measured time seen, in epoch milliseconds. */
    public synchronized long clockMillis() {
        return clock.getCurrentTime();
    }

    /** The states of the series being watched (for the thresholds page and tests). */
    public synchronized List<SeriesState> states() {
        return session.getObjects(o -> o instanceof SeriesState).stream().map(SeriesState.class::cast).toList();
    }

    @Override
    public synchronized void close() {
        session.dispose();
    }
}
