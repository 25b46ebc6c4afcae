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
    private long samples;

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
    }

    /** Feeds samples (in any order) and returns the thresholds they crossed or cleared, oldest first. */
    public synchronized List<Crossing> accept(List<MetricIn> batch) {
        List<MetricIn> ordered = batch.stream().sorted(Comparator.comparing(MetricIn::timestamp)).toList();
        for (MetricIn sample : ordered) {
            Reading reading = new Reading(sample.system(), sample.metric(), sample.component(),
                    sample.labels().getOrDefault("workflow", ""), sample.labels().getOrDefault("probe", ""),
                    sample.value(), sample.timestamp().toEpochMilli());
            advanceTo(reading.getAt());
            session.insert(reading);
            String key = reading.getSystem() + '\n' + reading.getMetric() + '\n' + reading.getSeries();
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

    private void advanceTo(long at) {
        long target = Math.min(at, wallClock.getAsLong());
        long now = clock.getCurrentTime();
        if (target > now) {
            clock.advanceTime(target - now, TimeUnit.MILLISECONDS);
        }
    }

    private void forgetQuietSeries() {
        long horizon = clock.getCurrentTime() - MEMORY_MILLIS;
        for (Iterator<Long> newest = newestBySeries.values().iterator(); newest.hasNext();) {
            if (newest.next() < horizon) {
                newest.remove();
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
