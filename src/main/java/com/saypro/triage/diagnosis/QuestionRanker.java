package com.saypro.triage.diagnosis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

import com.saypro.triage.diagnosis.Diagnosis.Candidate;
import com.saypro.triage.diagnosis.Diagnosis.QuestionView;

/**
 * Orders the open questions by how much their answer is expected to change the ranking, and
 * drops those whose answer cannot change the top cause. For each question the diagnosis is
 * computed again once per informative option (every option but "unknown"), as if the analyst
 * had given it; a diagnosis is a pure function of facts, answers and rules, so this is exact.
 * <p>
 * The ranking is read as a distribution over the candidates and "none of them":
 * {@code p(c) = conf(c) / Z}, {@code p(none) = prod(1 - conf(c)) / Z}, Z normalising. The
 * question's {@code gain} is the expected total-variation distance between today's
 * distribution and the one after the answer, the options taken as equally likely:
 * {@code gain = mean over options of 1/2 * sum over x of |p_after(x) - p_now(x)|}, in 0..1.
 */
final class QuestionRanker {

    private static final String NONE = "";

    private QuestionRanker() {
    }

    /**
     * @param whatIf the candidates the diagnosis would have with one more answer (question
     *               code, option)
     */
    static Diagnosis rank(Diagnosis diagnosis, BiFunction<String, String, List<Candidate>> whatIf) {
        if (diagnosis.questions().isEmpty()) {
            return diagnosis;
        }
        Map<String, Double> now = distribution(diagnosis.candidates());
        String top = topOf(diagnosis.candidates());
        Map<String, String> titles = new HashMap<>();
        diagnosis.candidates().forEach(c -> titles.put(c.causeCode(), c.title()));
        record Ranked(QuestionView question, double gain) {
        }
        List<Ranked> ranked = new ArrayList<>();
        for (QuestionView q : diagnosis.questions()) {
            List<String> options = q.options().stream().filter(o -> !o.equalsIgnoreCase("unknown")).toList();
            if (options.isEmpty()) {
                continue;
            }
            double total = 0;
            boolean changesTop = false;
            Map<String, String> favoured = new LinkedHashMap<>();
            Map<String, String> newTop = new LinkedHashMap<>();
            for (String option : options) {
                List<Candidate> after = whatIf.apply(q.code(), option);
                after.forEach(c -> titles.putIfAbsent(c.causeCode(), c.title()));
                Map<String, Double> then = distribution(after);
                total += distance(now, then);
                String topAfter = topOf(after);
                if (!Objects.equals(topAfter, top)) {
                    changesTop = true;
                    newTop.put(option, topAfter);
                }
                favoured.put(option, mostRaised(now, then));
            }
            if (!changesTop) {
                continue;
            }
            double gain = Math.round(total / options.size() * 1000.0) / 1000.0;
            ranked.add(new Ranked(q.ranked(gain, why(top, newTop, favoured, titles)), gain));
        }
        ranked.sort(Comparator.comparingDouble(Ranked::gain).reversed()
                .thenComparing(r -> r.question().code()));
        return diagnosis.withQuestions(ranked.stream().map(Ranked::question).toList());
    }

    private static String why(String top, Map<String, String> newTop, Map<String, String> favoured,
            Map<String, String> titles) {
        List<String> distinct = favoured.values().stream().filter(c -> !c.equals(NONE)).distinct().toList();
        if (top != null && distinct.size() >= 2) {
            List<String> parts = new ArrayList<>();
            favoured.forEach((option, cause) -> {
                if (!cause.equals(NONE)) {
                    parts.add("'" + option + "' favours " + title(cause, titles));
                }
            });
            return "separates " + title(distinct.get(0), titles) + " from " + title(distinct.get(1), titles) + ": "
                    + String.join(", ", parts);
        }
        Map.Entry<String, String> change = newTop.entrySet().iterator().next();
        if (top == null) {
            return "no cause stands out yet; '" + change.getKey() + "' would point at " + title(change.getValue(), titles);
        }
        if (change.getValue() == null) {
            return "'" + change.getKey() + "' would rule out " + title(top, titles) + " and leave no cause standing";
        }
        return "'" + change.getKey() + "' would put " + title(change.getValue(), titles) + " ahead of "
                + title(top, titles);
    }

    private static String title(String code, Map<String, String> titles) {
        return titles.getOrDefault(code, code);
    }

    private static String topOf(List<Candidate> candidates) {
        return candidates.isEmpty() ? null : candidates.get(0).causeCode();
    }

    /** The candidates' confidences and "none of them" as one distribution. */
    static Map<String, Double> distribution(List<Candidate> candidates) {
        Map<String, Double> p = new LinkedHashMap<>();
        double none = 1.0;
        double sum = 0;
        for (Candidate c : candidates) {
            p.put(c.causeCode(), c.confidence());
            none *= 1.0 - c.confidence();
            sum += c.confidence();
        }
        p.put(NONE, none);
        double z = sum + none;
        if (z > 0) {
            p.replaceAll((k, v) -> v / z);
        }
        return p;
    }

    /** Total-variation distance between two distributions over causes (and "none"). */
    static double distance(Map<String, Double> a, Map<String, Double> b) {
        java.util.Set<String> keys = new java.util.HashSet<>(a.keySet());
        keys.addAll(b.keySet());
        double d = 0;
        for (String k : keys) {
            d += Math.abs(a.getOrDefault(k, 0.0) - b.getOrDefault(k, 0.0));
        }
        return d / 2;
    }

    /** The cause whose share rises most from {@code now} to {@code then} ({@link #NONE} when none rises). */
    private static String mostRaised(Map<String, Double> now, Map<String, Double> then) {
        String best = NONE;
        double rise = 1e-9;
        for (Map.Entry<String, Double> e : then.entrySet()) {
            double r = e.getValue() - now.getOrDefault(e.getKey(), 0.0);
            if (!e.getKey().equals(NONE) && r > rise) {
                rise = r;
                best = e.getKey();
            }
        }
        return best;
    }
}
