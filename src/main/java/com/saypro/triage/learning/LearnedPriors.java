package com.saypro.triage.learning;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.stereotype.Service;

/**
 * Learning from resolved incidents: the prior of each cause for an incident (the leak of the
 * scoring's noisy OR, see {@code Confidence}) is the seeded prior of its system updated with
 * what the last {@value #WINDOW} similar resolved incidents on that system (similarity at
 * least {@value #SIMILAR_FROM}, resolved as confirmed or as a false alarm) turned out to be:
 *
 * <pre>
 *   prior(c) = min(MAX, (k(c) + ALPHA * seeded(c)) / (n + ALPHA + r(c)))
 * </pre>
 *
 * where {@code n} is how many such incidents there are, {@code k(c)} how many were confirmed
 * with cause c, and {@code r(c)} in how many c was ranked first but another cause (or a false
 * alarm) was confirmed. {@code ALPHA} ({@value #ALPHA}) counts the seeded prior as that many
 * incidents' worth of belief, so one incident moves a prior by at most 1/(n + ALPHA) and
 * {@code MAX} ({@value #MAX}) keeps a learned prior from deciding a diagnosis on its own: a
 * cause still needs a rule's vote to be a candidate at all. A cause confirmed again and again
 * rises towards the share of incidents it explained; one ranked first and rejected again and
 * again falls below its seeded prior. With no similar incident the seeded priors stand.
 */
@Service
public class LearnedPriors {

    static final int WINDOW = 10;
    /** How many of the latest resolved incidents sharing an alert name are compared, per diagnosis. */
    static final int RECENT = 100;
    static final double SIMILAR_FROM = 0.5;
    static final double ALPHA = 4;
    static final double MAX = 0.5;

    private final SimilarIncidents similar;

    public LearnedPriors(SimilarIncidents similar) {
        this.similar = similar;
    }

    /** The priors for an incident and, per cause they changed, what they were learned from. */
    public record Learned(Map<String, Double> priors, Map<String, String> notes) {
    }

    public Learned learn(long incidentId, String system, Map<String, Double> seeded) {
        List<SimilarIncidents.Similar> resolved = similar.onItsSystem(incidentId, SIMILAR_FROM, RECENT).stream()
                .filter(s -> "confirmed".equals(s.resolution()) || "false_alarm".equals(s.resolution()))
                .limit(WINDOW).toList();
        if (resolved.isEmpty()) {
            return new Learned(seeded, Map.of());
        }
        int n = resolved.size();
        Map<String, Integer> confirmed = new HashMap<>();
        Map<String, Integer> rejected = new HashMap<>();
        for (SimilarIncidents.Similar s : resolved) {
            if ("confirmed".equals(s.resolution()) && s.confirmedCause() != null) {
                confirmed.merge(s.confirmedCause(), 1, Integer::sum);
            }
            if (s.topCause() != null && !s.topCause().equals(s.confirmedCause())) {
                rejected.merge(s.topCause(), 1, Integer::sum);
            }
        }
        TreeSet<String> causes = new TreeSet<>(seeded.keySet());
        causes.addAll(confirmed.keySet());
        causes.addAll(rejected.keySet());
        Map<String, Double> priors = new TreeMap<>();
        Map<String, String> notes = new TreeMap<>();
        for (String cause : causes) {
            double base = seeded.getOrDefault(cause, 0.0);
            int k = confirmed.getOrDefault(cause, 0);
            int r = rejected.getOrDefault(cause, 0);
            double learned = Math.min(MAX, (k + ALPHA * base) / (n + ALPHA + r));
            priors.put(cause, Math.round(learned * 1000) / 1000.0);
            String last = n == 1 ? "the last similar incident" : "the last " + n + " similar incidents";
            if (k > 0) {
                notes.put(cause, String.format(Locale.ROOT, "confirmed in %d of %s on %s", k, last, system));
            } else if (r > 0) {
                notes.put(cause, String.format(Locale.ROOT, "ranked first but not confirmed in %d of %s on %s", r,
                        last, system));
            } else {
                notes.put(cause, String.format(Locale.ROOT, "not confirmed in any of %s on %s", last, system));
            }
        }
        return new Learned(priors, notes);
    }
}
