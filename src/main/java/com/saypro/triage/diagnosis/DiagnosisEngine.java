package com.saypro.triage.diagnosis;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.kie.api.KieBase;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.ConsequenceException;
import org.kie.api.runtime.rule.Match;

import com.saypro.triage.diagnosis.EngineOutcome.Justification;
import com.saypro.triage.diagnosis.EngineOutcome.RuleFailure;
import com.saypro.triage.diagnosis.facts.CandidateCause;
import com.saypro.triage.diagnosis.facts.PlaybookRecommendation;
import com.saypro.triage.diagnosis.facts.Question;
import com.saypro.triage.diagnosis.facts.Symptom;

/**
 * Runs the rules over one incident's facts in a fresh session. Evidence is recorded by
 * listeners, not by the rules: when a rule inserts a derived fact, the rule's name and the
 * facts of its match are kept. A rule whose action throws is recorded as a failure and the
 * remaining rules still fire.
 */
public final class DiagnosisEngine {

    /** Enough for any sane rule base; stops a rule loop from running forever. */
    static final int MAX_FIRINGS = 50_000;
    private static final int MAX_FAILURES = 20;

    public EngineOutcome run(KieBase kieBase, List<Object> facts) {
        KieSession session = kieBase.newKieSession();
        Recorder recorder = new Recorder();
        try {
            session.addEventListener((org.kie.api.event.rule.AgendaEventListener) recorder.agenda);
            session.addEventListener((org.kie.api.event.rule.RuleRuntimeEventListener) recorder.runtime);
            facts.forEach(session::insert);
            List<RuleFailure> failures = new ArrayList<>();
            int fired = 0;
            while (true) {
                try {
                    fired += session.fireAllRules(MAX_FIRINGS - fired);
                    break;
                } catch (ConsequenceException e) {
                    String rule = e.getMatch() == null ? "?" : e.getMatch().getRule().getName();
                    Throwable cause = e.getCause() == null ? e : e.getCause();
                    failures.add(new RuleFailure(rule, cause.getClass().getSimpleName() + ": " + cause.getMessage()));
                    recorder.current = null;
                    if (failures.size() >= MAX_FAILURES) {
                        break;
                    }
                }
            }
            List<CandidateCause> votes = objects(session, CandidateCause.class);
            List<Symptom> symptoms = objects(session, Symptom.class);
            List<Question> questions = objects(session, Question.class);
            List<PlaybookRecommendation> recommendations = objects(session, PlaybookRecommendation.class);
            return new EngineOutcome(votes, symptoms, questions, recommendations, recorder.justifications,
                    List.copyOf(recorder.fired), List.copyOf(failures));
        } finally {
            session.dispose();
        }
    }

    private static <T> List<T> objects(KieSession session, Class<T> type) {
        return session.getObjects(type::isInstance).stream().map(type::cast).toList();
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
                justifications.putIfAbsent(object,
                        new Justification(match.getRule().getName(),
                                match.getObjects().stream().filter(java.util.Objects::nonNull).toList()));
            }
        };
    }
}
