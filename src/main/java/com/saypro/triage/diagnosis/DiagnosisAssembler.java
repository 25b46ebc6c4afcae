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
import com.saypro.triage.diagnosis.Diagnosis.RuledOut;
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
 * Turns what the rules derived into a {@link Diagnosis}: scores each cause from its votes
 * ({@link Confidence}: evidence groups, the system's prior, counter-evidence), ranks the
 * candidates, explains each with what supports and what weakens it, lists the causes ruled
 * out and why, and adds titles, playbooks and question texts from the knowledge base.
 * Deterministic: the same outcome always gives the same diagnosis.
 */
public final class DiagnosisAssembler {

    private static final int MAX_DERIVATION_DEPTH = 4;
    private static final int MAX_LISTED = 8;
    /** A raised cause whose counter-evidence leaves it below this is ruled out, not a candidate. */
    static final double RULED_OUT_BELOW = 0.2;
    /** How many usual-but-unraised causes of the incident's categories are listed as ruled out. */
    private static final int MAX_UNRAISED = 4;
    /** Candidates this close to the top one lend their category to the "why not" list too. */
    private static final double CLOSE_TO_TOP = 0.15;

    private final Map<String, Cause> causes;
    private final Map<String, Playbook> playbooks;
    private final Map<String, KbQuestion> questions;
    private final Map<String, Double> priors;
    private final Map<String, List<String>> rulesByCause;

    public DiagnosisAssembler(Map<String, Cause> causes, Map<String, Playbook> playbooks,
            Map<String, KbQuestion> questions) {
        this(causes, playbooks, questions, Map.of(), Map.of());
    }

    /**
     * {@code priors}: the system's base rate per cause code; {@code rulesByCause}: the names of
     * the rules that declare they speak for each cause (to say what was looked for when a usual
     * cause was not raised).
     */
    public DiagnosisAssembler(Map<String, Cause> causes, Map<String, Playbook> playbooks,
            Map<String, KbQuestion> questions, Map<String, Double> priors, Map<String, List<String>> rulesByCause) {
        this.causes = causes;
        this.playbooks = playbooks;
        this.questions = questions;
        this.priors = priors;
        this.rulesByCause = rulesByCause;
    }

    public Diagnosis assemble(FactSet facts, int factsRevision, String ruleBaseVersion, EngineOutcome outcome) {
        Map<String, List<CandidateCause>> votesByCause = new LinkedHashMap<>();
        for (CandidateCause vote : outcome.votes()) {
            votesByCause.computeIfAbsent(vote.getCauseCode(), k -> new ArrayList<>()).add(vote);
        }
        record Scored(String code, Confidence.Score score, List<Evidence> evidence) {
        }
        List<Scored> scored = new ArrayList<>();
        List<Scored> pushedOut = new ArrayList<>();
        votesByCause.forEach((code, votes) -> {
            List<Evidence> evidence = evidenceOf(votes, outcome);
            List<Confidence.Vote> weighed = evidence.stream()
                    .map(e -> new Confidence.Vote(e.vote(), e.group(), e.inferred())).toList();
            Confidence.Score score = Confidence.score(weighed, priors.getOrDefault(code, 0.0));
            if (!score.raised()) {
                return;
            }
            boolean weakened = score.counter() < 1.0;
            if (weakened && score.confidence() < RULED_OUT_BELOW) {
                pushedOut.add(new Scored(code, score, evidence));
            } else if (score.confidence() > 0) {
                scored.add(new Scored(code, score, evidence));
            }
        });
        scored.sort(Comparator.comparingDouble((Scored s) -> s.score().confidence()).reversed()
                .thenComparing(Scored::code));

        List<Candidate> candidates = new ArrayList<>();
        int rank = 1;
        for (Scored s : scored) {
            Cause cause = causes.get(s.code());
            candidates.add(new Candidate(rank++, s.code(), cause == null ? s.code() : cause.title(),
                    cause == null ? null : cause.category().name(), s.score().confidence(),
                    priors.getOrDefault(s.code(), 0.0),
                    cause == null ? "This cause is not in the knowledge base." : cause.description(), s.evidence(),
                    playbooksFor(s.code(), cause, outcome), facts.priorNotes().get(s.code())));
        }

        List<RuledOut> ruledOut = new ArrayList<>();
        pushedOut.sort(Comparator.comparing(Scored::code));
        for (Scored s : pushedOut) {
            Cause cause = causes.get(s.code());
            List<Evidence> against = s.evidence().stream().filter(e -> e.effect().equals(Diagnosis.WEAKENS)).toList();
            List<Evidence> setAside = s.evidence().stream().filter(e -> e.effect().equals(Diagnosis.SUPPORTS)).toList();
            List<Evidence> all = new ArrayList<>(against);
            all.addAll(setAside);
            ruledOut.add(new RuledOut(s.code(), cause == null ? s.code() : cause.title(),
                    cause == null ? null : cause.category().name(),
                    "raised to " + percent(s.score().support()) + " by " + count(setAside.size(), "piece", "pieces")
                            + " of evidence, then pushed down to " + percent(s.score().confidence()) + " by: "
                            + String.join("; ", against.stream().filter(Evidence::counted)
                                    .map(Evidence::description).distinct().toList()),
                    all));
        }
        ruledOut.addAll(unraised(candidates, votesByCause.keySet()));

        Set<String> answered = new LinkedHashSet<>();
        facts.answers().forEach(a -> answered.add(a.getQuestion()));
        List<QuestionView> open = outcome.questions().stream().filter(q -> !answered.contains(q.getCode()))
                .sorted(Comparator.comparing(Question::getCode)).map(q -> question(q, outcome)).toList();
        List<String> symptoms = outcome.symptoms().stream().map(Symptom::toString).sorted().toList();
        List<Diagnosis.Failure> failures = outcome.failures().stream()
                .map(f -> new Diagnosis.Failure(f.rule(), f.error())).toList();
        return new Diagnosis(facts.context().getIncidentId(), facts.context().getSystem(), ruleBaseVersion,
                factsRevision, candidates, ruledOut, open, symptoms, failures, false);
    }

    /**
     * The usual causes of the categories the leading candidates belong to that no rule raised,
     * with what the rules speaking for them looked for.
     */
    private List<RuledOut> unraised(List<Candidate> candidates, Set<String> voted) {
        Set<String> categories = new LinkedHashSet<>();
        double topConfidence = candidates.isEmpty() ? 0 : candidates.get(0).confidence();
        candidates.stream().limit(3).filter(c -> c.confidence() >= topConfidence - CLOSE_TO_TOP)
                .map(Candidate::category).filter(java.util.Objects::nonNull).forEach(categories::add);
        List<RuledOut> result = new ArrayList<>();
        for (Cause cause : causes.values()) {
            if (result.size() >= MAX_UNRAISED) {
                break;
            }
            if (!categories.contains(cause.category().name()) || voted.contains(cause.code())) {
                continue;
            }
            List<String> rules = rulesByCause.getOrDefault(cause.code(), List.of());
            String reason = rules.isEmpty() ? "no evidence for it: no rule looks for this cause yet"
                    : rules.size() == 1 ? "no evidence for it: the rule that looks for it (\"" + rules.get(0)
                            + "\") did not match this incident's signals"
                    : "no evidence for it: none of the " + rules.size()
                            + " rules that look for it matched this incident's signals (for example \""
                            + String.join("\", \"", rules.stream().limit(2).toList()) + "\")";
            result.add(new RuledOut(cause.code(), cause.title(), cause.category().name(), reason, List.of()));
        }
        return result;
    }

    /** Each vote as evidence, strongest first; in each group the strongest vote of each direction counts. */
    private List<Evidence> evidenceOf(List<CandidateCause> votes, EngineOutcome outcome) {
        List<Evidence> all = votes.stream().map(v -> evidence(v, outcome)).toList();
        Map<String, Evidence> countedFor = new java.util.HashMap<>();
        for (Evidence e : all) {
            double weight = effective(e);
            if (weight == 0) {
                continue;
            }
            String key = (weight > 0 ? "+" : "-") + e.group();
            countedFor.merge(key, e, (a, b) -> Math.abs(effective(b)) > Math.abs(effective(a)) ? b : a);
        }
        java.util.Set<Evidence> counted = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        counted.addAll(countedFor.values());
        return all.stream()
                .map(e -> new Evidence(e.rule(), e.effect(), e.description(), e.facts(), e.group(), e.vote(),
                        counted.contains(e), e.inferred()))
                .sorted(Comparator.comparing((Evidence e) -> e.effect().equals(Diagnosis.SUPPORTS) ? 0 : 1)
                        .thenComparing(Comparator.comparingDouble((Evidence e) -> Math.abs(e.vote())).reversed())
                        .thenComparing(Evidence::rule)
                        .thenComparing(e -> e.facts().stream().map(FactView::summary).toList().toString()))
                .toList();
    }

    private static double effective(Evidence e) {
        return e.inferred() && e.vote() > 0 ? e.vote() * Confidence.INFERRED_WEIGHT : e.vote();
    }

    private Evidence evidence(CandidateCause vote, EngineOutcome outcome) {
        String effect = vote.getConfidence() < 0 ? Diagnosis.WEAKENS : Diagnosis.SUPPORTS;
        Justification j = outcome.justification(vote);
        if (j == null) {
            return new Evidence("(unknown rule)", effect, vote.getReason(), List.of(), "(unknown rule)",
                    vote.getConfidence(), true, false);
        }
        String description = !vote.getReason().isEmpty() ? vote.getReason()
                : !j.explanation().isEmpty() ? j.explanation() : j.rule();
        return new Evidence(j.rule(), effect, description, factViews(j.facts(), outcome, 0), j.group(),
                vote.getConfidence(), true, restsOnInferredSymptomsOnly(j.facts()));
    }

    /** True when the matched facts include symptoms and every one of them was inferred from an alert's words. */
    private static boolean restsOnInferredSymptomsOnly(List<Object> matched) {
        List<Symptom> symptoms = flatten(matched).stream().filter(Symptom.class::isInstance).map(Symptom.class::cast)
                .toList();
        return !symptoms.isEmpty() && symptoms.stream().allMatch(Symptom::isInferred);
    }

    private static String percent(double value) {
        return Math.round(value * 100) + "%";
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
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
                kb == null ? List.of("yes", "no", "unknown") : kb.options(), q.getReason(), j == null ? null : j.rule(),
                0, "");
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
