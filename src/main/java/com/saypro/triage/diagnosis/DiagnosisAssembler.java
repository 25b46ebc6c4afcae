package com.saypro.triage.diagnosis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.saypro.triage.diagnosis.Diagnosis.Candidate;
import com.saypro.triage.diagnosis.Diagnosis.Derivation;
import com.saypro.triage.diagnosis.Diagnosis.Evidence;
import com.saypro.triage.diagnosis.Diagnosis.FactView;
import com.saypro.triage.diagnosis.Diagnosis.PlaybookView;
import com.saypro.triage.diagnosis.Diagnosis.QuestionView;
import com.saypro.triage.diagnosis.EngineOutcome.Justification;
import com.saypro.triage.diagnosis.facts.Alert;
import com.saypro.triage.diagnosis.facts.CandidateCause;
import com.saypro.triage.diagnosis.facts.ChangeEvent;
import com.saypro.triage.diagnosis.facts.IncidentContext;
import com.saypro.triage.diagnosis.facts.LogEvent;
import com.saypro.triage.diagnosis.facts.MetricSample;
import com.saypro.triage.diagnosis.facts.PlaybookRecommendation;
import com.saypro.triage.diagnosis.facts.Question;
import com.saypro.triage.diagnosis.facts.Symptom;
import com.saypro.triage.diagnosis.facts.TransactionTrace;
import com.saypro.triage.knowledge.Cause;
import com.saypro.triage.knowledge.KbQuestion;
import com.saypro.triage.knowledge.Playbook;

/**
 * Turns what the rules derived into a {@link Diagnosis}: combines the votes per cause, ranks
 * the causes, explains each with its evidence and adds titles, playbooks and question texts
 * from the knowledge base. Deterministic: the same outcome always gives the same diagnosis.
 */
public final class DiagnosisAssembler {

    private static final int MAX_DERIVATION_DEPTH = 4;
    private static final int MAX_LISTED = 8;

    private final Map<String, Cause> causes;
    private final Map<String, Playbook> playbooks;
    private final Map<String, KbQuestion> questions;

    public DiagnosisAssembler(Map<String, Cause> causes, Map<String, Playbook> playbooks,
            Map<String, KbQuestion> questions) {
        this.causes = causes;
        this.playbooks = playbooks;
        this.questions = questions;
    }

    public Diagnosis assemble(FactSet facts, int factsRevision, String ruleBaseVersion, EngineOutcome outcome) {
        Map<String, List<CandidateCause>> votesByCause = new LinkedHashMap<>();
        for (CandidateCause vote : outcome.votes()) {
            votesByCause.computeIfAbsent(vote.getCauseCode(), k -> new ArrayList<>()).add(vote);
        }
        record Scored(String code, double confidence, List<CandidateCause> votes) {
        }
        List<Scored> scored = new ArrayList<>();
        votesByCause.forEach((code, votes) -> {
            double confidence = Confidence.combine(votes.stream().map(CandidateCause::getConfidence).sorted().toList());
            if (confidence > 0) {
                scored.add(new Scored(code, confidence, votes));
            }
        });
        scored.sort(Comparator.comparingDouble(Scored::confidence).reversed().thenComparing(Scored::code));

        List<Candidate> candidates = new ArrayList<>();
        int rank = 1;
        for (Scored s : scored) {
            Cause cause = causes.get(s.code());
            List<Evidence> evidence = s.votes().stream().map(v -> evidence(v, outcome))
                    .sorted(Comparator.comparingDouble(Evidence::vote).reversed().thenComparing(Evidence::rule)
                            .thenComparing(e -> e.facts().stream().map(FactView::summary).toList().toString()))
                    .toList();
            candidates.add(new Candidate(rank++, s.code(), cause == null ? s.code() : cause.title(),
                    cause == null ? null : cause.category().name(), s.confidence(),
                    cause == null ? "This cause is not in the knowledge base." : cause.description(), evidence,
                    playbooksFor(s.code(), cause, outcome)));
        }

        Set<String> answered = new LinkedHashSet<>();
        facts.answers().forEach(a -> answered.add(a.getQuestion()));
        List<QuestionView> open = outcome.questions().stream().filter(q -> !answered.contains(q.getCode()))
                .sorted(Comparator.comparing(Question::getCode)).map(q -> question(q, outcome)).toList();
        List<String> symptoms = outcome.symptoms().stream().map(Symptom::toString).sorted().toList();
        List<Diagnosis.Failure> failures = outcome.failures().stream()
                .map(f -> new Diagnosis.Failure(f.rule(), f.error())).toList();
        return new Diagnosis(facts.context().getIncidentId(), facts.context().getSystem(), ruleBaseVersion,
                factsRevision, candidates, open, symptoms, failures);
    }

    private Evidence evidence(CandidateCause vote, EngineOutcome outcome) {
        Justification j = outcome.justification(vote);
        if (j == null) {
            return new Evidence("(unknown rule)", vote.getConfidence(), vote.getReason(), List.of());
        }
        return new Evidence(j.rule(), vote.getConfidence(), vote.getReason(), factViews(j.facts(), outcome, 0));
    }

    private List<FactView> factViews(List<Object> matched, EngineOutcome outcome, int depth) {
        List<FactView> views = new ArrayList<>();
        for (Object fact : flatten(matched)) {
            if (fact instanceof IncidentContext) {
                continue;
            }
            Derivation derivedBy = null;
            if (isDerived(fact) && depth < MAX_DERIVATION_DEPTH) {
                Justification j = outcome.justification(fact);
                if (j != null) {
                    derivedBy = new Derivation(j.rule(), factViews(j.facts(), outcome, depth + 1));
                }
            }
            String type = fact instanceof More ? "More" : fact.getClass().getSimpleName();
            views.add(new FactView(type, idOf(fact), fact.toString(), derivedBy));
        }
        return views;
    }

    /** Rules that {@code collect} facts match a list; show its members (the first few). */
    private static List<Object> flatten(List<Object> matched) {
        List<Object> facts = new ArrayList<>();
        Set<Object> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Object fact : matched) {
            if (fact instanceof java.util.Collection<?> many) {
                List<?> fresh = many.stream().filter(seen::add).toList();
                fresh.stream().limit(MAX_LISTED).forEach(facts::add);
                if (fresh.size() > MAX_LISTED) {
                    facts.add(new More(fresh.size() - MAX_LISTED));
                }
            } else if (seen.add(fact)) {
                facts.add(fact);
            }
        }
        return facts;
    }

    /** Stands for the members of a collected list that are not listed. */
    private record More(int count) {
        @Override
        public String toString() {
            return "and " + count + " more like these";
        }
    }

    private List<PlaybookView> playbooksFor(String causeCode, Cause cause, EngineOutcome outcome) {
        Map<String, PlaybookView> result = new LinkedHashMap<>();
        outcome.recommendations().stream().filter(r -> r.getCauseCode().equals(causeCode))
                .sorted(Comparator.comparing(PlaybookRecommendation::getPlaybookCode))
                .forEach(r -> {
                    Playbook p = playbooks.get(r.getPlaybookCode());
                    if (p != null) {
                        result.putIfAbsent(p.code(), view(p, true, r.getReason()));
                    }
                });
        if (cause != null) {
            for (String code : cause.playbooks()) {
                Playbook p = playbooks.get(code);
                if (p != null) {
                    result.putIfAbsent(code, view(p, false, ""));
                }
            }
        }
        return List.copyOf(result.values());
    }

    private static PlaybookView view(Playbook p, boolean recommended, String reason) {
        return new PlaybookView(p.code(), p.title(), p.risk(), p.rollback(), recommended, reason,
                p.steps().stream().map(s -> new Diagnosis.Step(s.position(), s.kind().name().toLowerCase(), s.text()))
                        .toList());
    }

    private QuestionView question(Question q, EngineOutcome outcome) {
        KbQuestion kb = questions.get(q.getCode());
        Justification j = outcome.justification(q);
        return new QuestionView(q.getCode(), kb == null ? q.getCode() : kb.text(), kb == null ? "" : kb.help(),
                kb == null ? List.of("yes", "no", "unknown") : kb.options(), q.getReason(), j == null ? null : j.rule());
    }

    private static boolean isDerived(Object fact) {
        return fact instanceof Symptom || fact instanceof CandidateCause || fact instanceof Question
                || fact instanceof PlaybookRecommendation;
    }

    private static Long idOf(Object fact) {
        if (fact instanceof Alert a) {
            return a.getId();
        } else if (fact instanceof MetricSample m) {
            return m.getId();
        } else if (fact instanceof LogEvent l) {
            return l.getId();
        } else if (fact instanceof TransactionTrace t) {
            return t.getId();
        } else if (fact instanceof ChangeEvent c) {
            return c.getId();
        }
        return null;
    }
}
