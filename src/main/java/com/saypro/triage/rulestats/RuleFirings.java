package com.saypro.triage.rulestats;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import com.saypro.triage.diagnosis.DiagnosisRecorded;
import com.saypro.triage.support.Times;

/**
 * Counts, per rule and UTC day, the diagnosis runs in which the rule fired and those in which
 * it voted for the cause ranked first. Diagnoses are frequent, so the counts gather in memory
 * and are added to {@code rule_stat_day} every few seconds
 * ({@code triage.rules.stats.flush-interval}) and when Triage stops; what could not be written
 * waits for the next flush. A run is counted once its transaction committed.
 */
@Component
class RuleFirings {

    private static final Logger log = LoggerFactory.getLogger(RuleFirings.class);

    /** A rule on a day. */
    record Key(String rule, LocalDate day) implements Comparable<Key> {

        @Override
        public int compareTo(Key other) {
            int byRule = rule.compareTo(other.rule);
            return byRule != 0 ? byRule : day.compareTo(other.day);
        }
    }

    /** What is not written yet for a rule on a day. */
    static final class Tally {
        int fired;
        int rankedFirst;
        Instant lastFiredAt;

        void add(int moreFired, int moreRankedFirst, Instant at) {
            fired += moreFired;
            rankedFirst += moreRankedFirst;
            if (lastFiredAt == null || at.isAfter(lastFiredAt)) {
                lastFiredAt = at;
            }
        }
    }

    private final JdbcClient jdbc;
    private final RuleMeters meters;
    private final Object writing = new Object();
    private Map<Key, Tally> pending = new HashMap<>();
    private volatile boolean failing;

    RuleFirings(JdbcClient jdbc, RuleMeters meters) {
        this.jdbc = jdbc;
        this.meters = meters;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void recorded(DiagnosisRecorded run) {
        record(run.firedRules(), run.votedForTopCause(), run.at());
    }

    /** One diagnosis run: each rule that fired counts once, ranked first when it voted for the top cause. */
    void record(List<String> fired, List<String> votedForTop, Instant at) {
        Set<String> rules = new HashSet<>(fired);
        Set<String> first = new HashSet<>(votedForTop);
        first.retainAll(rules);
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        synchronized (this) {
            for (String rule : rules) {
                pending.computeIfAbsent(new Key(rule, day), k -> new Tally()).add(1, first.contains(rule) ? 1 : 0, at);
            }
        }
        rules.forEach(meters::fired);
        first.forEach(meters::rankedFirst);
    }

    /** Adds what gathered since the last flush to the table; returns when it is written (or kept for later). */
    @Scheduled(fixedDelayString = "${triage.rules.stats.flush-interval:5s}",
            initialDelayString = "${triage.rules.stats.flush-interval:5s}")
    void flush() {
        synchronized (writing) {
            flushPending();
        }
    }

    private void flushPending() {
        Map<Key, Tally> taken;
        synchronized (this) {
            if (pending.isEmpty()) {
                return;
            }
            taken = pending;
            pending = new HashMap<>();
        }
        // In one order on every node, so that two nodes flushing together do not wait on each other.
        List<Key> keys = new ArrayList<>(taken.keySet());
        keys.sort(null);
        for (int i = 0; i < keys.size(); i++) {
            try {
                write(keys.get(i), taken.get(keys.get(i)));
            } catch (RuntimeException e) {
                putBack(keys.subList(i, keys.size()), taken);
                if (!failing) {
                    failing = true;
                    log.warn("Rule statistics could not be written; they are kept and written later ({})",
                            e.getMessage());
                }
                return;
            }
        }
        failing = false;
    }

    @PreDestroy
    void flushOnStop() {
        flush();
    }

    private void write(Key key, Tally tally) {
        if (update(key, tally) > 0) {
            return;
        }
        try {
            jdbc.sql("INSERT INTO rule_stat_day (rule_name, stat_day, fired, ranked_first, last_fired_at)"
                    + " VALUES (?, ?, ?, ?, ?)").params(key.rule(), key.day(), tally.fired, tally.rankedFirst,
                            Times.toDb(tally.lastFiredAt)).update();
        } catch (DuplicateKeyException insertedMeanwhile) {
            // another node (or an earlier flush on a racing thread) made the row first
            update(key, tally);
        }
    }

    private int update(Key key, Tally tally) {
        Object at = Times.toDb(tally.lastFiredAt);
        return jdbc.sql("UPDATE rule_stat_day SET fired = fired + ?, ranked_first = ranked_first + ?,"
                + " last_fired_at = CASE WHEN last_fired_at < ? THEN ? ELSE last_fired_at END"
                + " WHERE rule_name = ? AND stat_day = ?").params(tally.fired, tally.rankedFirst, at, at, key.rule(),
                        key.day()).update();
    }

    private synchronized void putBack(List<Key> keys, Map<Key, Tally> taken) {
        for (Key key : keys) {
            Tally tally = taken.get(key);
            pending.computeIfAbsent(key, k -> new Tally()).add(tally.fired, tally.rankedFirst, tally.lastFiredAt);
        }
    }
}
