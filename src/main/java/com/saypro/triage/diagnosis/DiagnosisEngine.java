package com.saypro.triage.diagnosis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.drools.core.common.InternalFactHandle;
import org.kie.api.KieBase;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.ConsequenceException;
import org.kie.api.runtime.rule.FactHandle;
import org.kie.api.runtime.rule.Match;

import com.saypro.triage.diagnosis.EngineOutcome.Justification;
import com.saypro.triage.diagnosis.EngineOutcome.RuleFailure;
import com.saypro.triage.diagnosis.facts.Answer;
import com.saypro.triage.diagnosis.facts.CandidateCause;
import com.saypro.triage.diagnosis.facts.PlaybookRecommendation;
import com.saypro.triage.diagnosis.facts.Question;
import com.saypro.triage.diagnosis.facts.Symptom;

/**
 * Runs the rules over one incident's facts in a fresh session. Evidence is recorded by
 * listeners, not by the rules: when a rule inserts a derived fact, the rule's name and the
 * facts of its match are kept. A rule whose action or condition throws is recorded as a
 * failure and the remaining rules still fire; a session that keeps firing past
 * {@link #MAX_FIRINGS} is stopped and that is recorded too.
 */
public final class DiagnosisEngine {

    /** Enough for any sane rule base; stops a rule loop from running forever. */
    static final int MAX_FIRINGS = 50_000;
    private static final int MAX_FAILURES = 20;

    public EngineOutcome run(KieBase kieBase, List<Object> facts) {
        try (Session session = open(kieBase, facts)) {
            return session.outcome();
        }
    }

    /**
     * A session run over the facts and kept open, so that "what if this question were answered
     * so?" costs one more answer and the firing it causes instead of a whole new session
     * ({@link Session#withAnswer}). Close it after use.
     */
    public Session open(KieBase kieBase, List<Object> facts) {
        return new Session(kieBase, facts);
    }

    /** One incident's facts in a live session. */
    public static final class Session implements AutoCloseable {

        private final KieSession session;
        private final Recorder recorder = new Recorder();
        private final List<RuleFailure> failures = new ArrayList<>();
        private final Set<String> answered = new HashSet<>();
        private final EngineOutcome outcome;
        private boolean spoilt;

        private Session(KieBase kieBase, List<Object> facts) {
            session = kieBase.newKieSession();
            try {
                session.addEventListener((org.kie.api.event.rule.AgendaEventListener) recorder.agenda);
                session.addEventListener((org.kie.api.event.rule.RuleRuntimeEventListener) recorder.runtime);
                for (Object fact : facts) {
                    if (fact instanceof Answer answer) {
                        answered.add(answer.getQuestion());
                    }
                    try {
                        session.insert(fact);
                    } catch (RuntimeException e) {
                        // A rule condition that throws while matching this fact.
                        failures.add(new RuleFailure("(a rule condition, on " + fact + ")", describe(e)));
                    }
                }
                fire();
                outcome = collect(List.copyOf(recorder.fired));
            } catch (RuntimeException e) {
                session.dispose();
                throw e;
            }
        }

        /** What the rules derived from the facts. */
        public EngineOutcome outcome() {
            return outcome;
        }

        /**
         * What the rules derive with one more answer, the session given back as it was after.
         * Every diagnosis rule derives with {@code insertLogical}, so taking the answer out again
         * takes out what it caused (truth maintenance). Empty when the question is already answered
         * among the facts: replacing an answer is a new session's work.
         */
        public Optional<EngineOutcome> withAnswer(Answer answer) {
            if (answered.contains(answer.getQuestion()) || spoilt) {
                return Optional.empty();
            }
            int failuresBefore = failures.size();
            int firedBefore = recorder.fired.size();
            FactHandle handle;
            try {
                handle = session.insert(answer);
            } catch (RuntimeException e) {
                // A condition threw on the answer: this session's state is not to be trusted any more.
                spoilt = true;
                return Optional.empty();
            }
            fire();
            EngineOutcome then = collect(List.copyOf(recorder.fired.subList(firedBefore, recorder.fired.size())));
            session.delete(handle);
            fire();
            failures.subList(failuresBefore, failures.size()).clear();
            return Optional.of(then);
        }

        private void fire() {
            int fired = 0;
            while (failures.size() < MAX_FAILURES) {
                try {
                    fired += session.fireAllRules(MAX_FIRINGS - fired);
                    if (fired >= MAX_FIRINGS) {
                        failures.add(new RuleFailure("(rule base)", "stopped after " + MAX_FIRINGS
                                + " rule firings: some rules probably trigger each other without end"));
                    }
                    break;
                } catch (ConsequenceException e) {
                    String rule = e.getMatch() == null ? "?" : e.getMatch().getRule().getName();
                    failures.add(new RuleFailure(rule, describe(e.getCause() == null ? e : e.getCause())));
                    recorder.current = null;
                } catch (RuntimeException e) {
                    // A rule condition threw while the engine evaluated it; go on with the rest,
                    // unless the same failure comes back at once.
                    RuleFailure failure = new RuleFailure("(a rule condition)", describe(e));
                    if (failures.contains(failure)) {
                        break;
                    }
                    failures.add(failure);
                    recorder.current = null;
                }
            }
        }

        private EngineOutcome collect(List<String> fired) {
            return new EngineOutcome(objects(session, CandidateCause.class), objects(session, Symptom.class),
                    objects(session, Question.class), objects(session, PlaybookRecommendation.class),
                    new IdentityHashMap<>(recorder.justifications), fired, List.copyOf(failures));
        }

        @Override
        public void close() {
            session.dispose();
        }
    }

    /** The session's facts of a type in the order they were inserted (the session's own order is not stable). */
    private static <T> List<T> objects(KieSession session, Class<T> type) {
        return session.getFactHandles(type::isInstance).stream()
                .sorted(Comparator.comparingLong(h -> ((InternalFactHandle) h).getId()))
                .map(h -> type.cast(session.getObject(h))).toList();
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static final class Recorder {
        final Map<Object, Justification> justifications = new IdentityHashMap<>();
        final List<String> fired = new ArrayList<>();
        Match current;

        final DefaultAgendaEventListener agenda = new DefaultAgendaEventListener() {
            @Override
            public void beforeMatchFired(BeforeMatchFiredEvent event) {
                current = event.getMatch();
            }

            @Override
            public void afterMatchFired(AfterMatchFiredEvent event) {
                fired.add(event.getMatch().getRule().getName());
                current = null;
            }
        };

        final DefaultRuleRuntimeEventListener runtime = new DefaultRuleRuntimeEventListener() {
            @Override
            public void objectInserted(ObjectInsertedEvent event) {
                Match match = current;
                if (match == null) {
                    return;
                }
                Object object = event.getObject();
                org.kie.api.definition.rule.Rule rule = match.getRule();
                justifications.putIfAbsent(object, new Justification(rule.getName(),
                        match.getObjects().stream().filter(java.util.Objects::nonNull).toList(),
                        RuleMetadata.group(rule), RuleMetadata.explanation(rule)));
            }
        };
    }
}
