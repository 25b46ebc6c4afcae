package com.saypro.triage.diagnosis.recognition;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.saypro.triage.diagnosis.facts.Alert;
import com.saypro.triage.diagnosis.facts.AlertReading;
import com.saypro.triage.diagnosis.recognition.WordDictionary.Aspect;
import com.saypro.triage.diagnosis.recognition.WordDictionary.Group;
import com.saypro.triage.diagnosis.recognition.WordDictionary.LabelMeaning;
import com.saypro.triage.diagnosis.recognition.WordDictionary.Meaning;
import com.saypro.triage.diagnosis.recognition.WordDictionary.Row;

/**
 * Reads what an alert is about from its words, for alerts no entry of the alert catalog
 * recognises. The words come from the alert name (split at CamelCase, {@code _}, {@code -} and
 * digits), the keys of its labels, its {@code summary}, {@code message} and {@code description}
 * annotations, the path of its {@code runbook_url}, and the metric names and label matchers of
 * the PromQL in its {@code generatorURL} (an annotation or label, as Prometheus builds it:
 * {@code http://prometheus:9090/graph?g0.expr=...}) or in an {@code expr} annotation.
 * <p>
 * Each word found in the dictionary ({@code kb-seed/alert-words.yaml}) adds to the score of a
 * resource, a kind or a role, weighted by where it was found (the name counts most). The best
 * resource and kind that reach the dictionary's minimum are looked up in its table of symptoms.
 * Words that say nothing is wrong ("ok", "recovered") make a name informational; "no", "not"
 * and the like cancel the kind word that follows. When the words do not name a kind, or no
 * table row fits, there is no reading: the words never guess.
 * <p>
 * Instances are immutable and safe to share between threads.
 */
public final class AlertWords {

    private static final List<String> ANNOTATIONS = List.of("summary", "message", "description");
    private static final List<String> SOURCE_ORDER = List.of("name", "labels", "summary", "message",
            "description", "runbook", "query", "family");
    private static final double POSITION_BONUS = 0.01;

    private final WordDictionary dictionary;

    private AlertWords(WordDictionary dictionary) {
        this.dictionary = dictionary;
    }

    /**
     * The dictionary {@code alert-words.yaml} from a kb-seed folder, or from the copy in the jar
     * ({@code classpath:kb-seed/alert-words.yaml}) when {@code kbSeedDir} is null.
     *
     * @throws com.saypro.triage.knowledge.KbSeedException when the file is missing, unreadable or
     *         inconsistent (the message lists every problem)
     */
    public static AlertWords load(Path kbSeedDir) {
        return new AlertWords(WordDictionary.read(kbSeedDir));
    }

    /** A dictionary given as YAML text, {@code where} naming it in error messages. */
    public static AlertWords parse(String yaml, String where) {
        return new AlertWords(WordDictionary.parse(yaml, where));
    }

    /** {@link #infer(Alert, String)} without a known family. */
    public Optional<AlertReading> infer(Alert alert) {
        return infer(alert, "");
    }

    /**
     * What the alert's words say it is about: a reading with source {@link AlertReading#WORDS},
     * the symptom, resource, kind and role (empty when not evident), and as basis the words that
     * decided resource and kind, by where they were found. A name with a calm word
     * ({@code DiskSpaceOK}) gives a reading with symptom {@link AlertReading#NO_SYMPTOM} and kind
     * {@code info}. Empty when the words are not enough to name a kind and a fitting symptom.
     *
     * @param family the exporter family the alert is known to come from (adds its role), or
     *        empty or null; it is also copied to the reading
     */
    public Optional<AlertReading> infer(Alert alert, String family) {
        Reading reading = new Reading();
        List<Evidence> calmInName = reading.text("name", alert.getName(), true);
        for (String key : ANNOTATIONS) {
            reading.text(key, alert.annotation(key), true);
        }
        String runbook = firstOf(alert, "runbook_url", "runbook");
        if (!runbook.isBlank()) {
            reading.text("runbook", AlertText.urlPath(runbook), true);
        }
        alert.getLabels().keySet().forEach(key -> reading.labelKey("labels", key, key));
        for (String expr : expressions(alert)) {
            reading.query(AlertText.query(expr));
        }
        String fam = family == null ? "" : family.trim();
        String familyRole = dictionary.file.families() == null ? null
                : dictionary.file.families().get(fam.toLowerCase(Locale.ROOT));
        if (familyRole != null) {
            reading.add(new Evidence("family", fam, Aspect.ROLE, familyRole, dictionary.weight("labels")));
        }
        return reading.decide(alert, fam, calmInName);
    }

    /** The PromQL of the alert: from its generatorURL (annotation or label) or an expr annotation. */
    private static List<String> expressions(Alert alert) {
        List<String> result = new ArrayList<>();
        for (Map<String, String> map : List.of(alert.getAnnotations(), alert.getLabels())) {
            map.forEach((key, value) -> {
                String k = key.toLowerCase(Locale.ROOT);
                if (k.equals("generatorurl") || k.equals("generator_url")) {
                    result.addAll(AlertText.expressions(value));
                }
            });
        }
        String expr = alert.annotation("expr");
        if (!expr.isBlank()) {
            result.add(expr);
        }
        return result;
    }

    private static String firstOf(Alert alert, String... keys) {
        for (String key : keys) {
            if (!alert.annotation(key).isBlank()) {
                return alert.annotation(key);
            }
        }
        return "";
    }

    /** One word (or phrase, metric, label) found, what it means, and how much it counts. */
    private record Evidence(String source, String shown, Aspect aspect, String value, double score) {
    }

    /** The evidence gathered for one alert, and the decision it leads to. */
    private final class Reading {

        private final List<Evidence> evidence = new ArrayList<>();
        private final Set<String> seen = new HashSet<>();

        /**
         * Reads one text. In sentences (not metric names) a negator cancels the kind and calm
         * words of the next two words, and a calm word keeps the kind words of this text from
         * counting. Returns the calm words found.
         */
        List<Evidence> text(String source, String text, boolean sentence) {
            return words(source, AlertText.words(text, dictionary::knows), null, sentence);
        }

        private List<Evidence> words(String source, List<String> words, String shownAs, boolean sentence) {
            if (!ANNOTATIONS.contains(source)) {
                seen.addAll(words);
                words.forEach(w -> seen.add(WordDictionary.singular(w)));
            }
            double weight = dictionary.weight(source);
            List<Evidence> found = new ArrayList<>();
            int negatedUntil = -1;
            int i = 0;
            while (i < words.size()) {
                int length = 0;
                List<Meaning> meanings = List.of();
                String phrase = "";
                for (int n = Math.min(dictionary.longestPhrase, words.size() - i); n >= 1 && length == 0; n--) {
                    phrase = String.join(" ", words.subList(i, i + n));
                    meanings = dictionary.meanings(phrase);
                    if (!meanings.isEmpty()) {
                        length = n;
                    }
                }
                if (length == 0) {
                    i++;
                    continue;
                }
                boolean negated = sentence && i < negatedUntil;
                double bonus = source.equals("name") ? POSITION_BONUS * i : 0;
                for (Meaning meaning : meanings) {
                    if (!sentence && (meaning.aspect() == Aspect.CALM || meaning.aspect() == Aspect.NEGATOR)) {
                        continue;
                    }
                    if (meaning.aspect() == Aspect.NEGATOR) {
                        negatedUntil = i + length + 2;
                        continue;
                    }
                    if (negated && (meaning.aspect() == Aspect.KIND || meaning.aspect() == Aspect.CALM)) {
                        continue;
                    }
                    double factor = meaning.weak() && !source.equals("name") ? WordDictionary.WEAK_OUTSIDE_NAME : 1;
                    found.add(new Evidence(source, shownAs == null ? "\"" + phrase + "\"" : shownAs,
                            meaning.aspect(), meaning.value(), weight * meaning.weight() * factor + bonus));
                }
                i += length;
            }
            List<Evidence> calm = found.stream().filter(e -> e.aspect() == Aspect.CALM).toList();
            if (source.equals("name") && !calm.isEmpty()
                    && !calm.equals(found.subList(found.size() - calm.size(), found.size()))) {
                // a calm word followed by other dictionary words describes them ("HealthyNodes"
                // counts nodes), it does not say the alert is fine
                found.removeAll(calm);
                calm = List.of();
            }
            boolean calmText = !calm.isEmpty() && !source.equals("name");
            found.stream().filter(e -> !calmText || e.aspect() != Aspect.KIND).forEach(this::add);
            return calm;
        }

        void labelKey(String source, String key, String shown) {
            LabelMeaning meaning = dictionary.file.labels().get(key.toLowerCase(Locale.ROOT));
            if (meaning == null) {
                return;
            }
            double score = dictionary.weight(source) * (meaning.weight() == null ? 1 : meaning.weight());
            if (meaning.resource() != null) {
                add(new Evidence(source, shown, Aspect.RESOURCE, meaning.resource(), score));
            }
            if (meaning.kind() != null) {
                add(new Evidence(source, shown, Aspect.KIND, meaning.kind(), score));
            }
            if (meaning.role() != null) {
                add(new Evidence(source, shown, Aspect.ROLE, meaning.role(), score));
            }
        }

        void query(AlertText.Query query) {
            query.metrics().forEach(metric -> words("query", AlertText.words(metric, dictionary::knows), metric,
                    false));
            query.labelKeys().forEach(key -> labelKey("query", key, key));
            query.statusClasses().forEach((matcher, word) -> words("query", List.of(word), matcher, false));
        }

        /** Adds evidence once per source, meaning and word. */
        void add(Evidence e) {
            boolean known = evidence.stream().anyMatch(o -> o.source().equals(e.source()) && o.shown().equals(e.shown())
                    && o.aspect() == e.aspect() && o.value().equals(e.value()));
            if (!known) {
                evidence.add(e);
            }
        }

        Optional<AlertReading> decide(Alert alert, String family, List<Evidence> calmInName) {
            List<Map.Entry<String, Double>> resources = ranked(Aspect.RESOURCE);
            List<Map.Entry<String, Double>> kinds = ranked(Aspect.KIND);
            List<Map.Entry<String, Double>> roles = ranked(Aspect.ROLE);
            String role = roles.isEmpty() ? "" : roles.get(0).getKey();
            String topResource = resources.isEmpty() ? "" : resources.get(0).getKey();
            if (!calmInName.isEmpty()) {
                String basis = basis(calmInName);
                return Optional.of(reading(alert, family, AlertReading.NO_SYMPTOM, topResource, "info", role, basis));
            }
            for (Choice choice : choices(resources, kinds)) {
                for (Row row : dictionary.file.symptoms()) {
                    if (row.fits(choice.resource(), choice.kind(), role, seen)) {
                        List<Evidence> deciding = evidence.stream()
                                .filter(e -> (e.aspect() == Aspect.RESOURCE && e.value().equals(choice.resource()))
                                        || (e.aspect() == Aspect.KIND && e.value().equals(choice.kind())))
                                .toList();
                        return Optional.of(reading(alert, family, row.symptom(), choice.resource(), choice.kind(),
                                role, basis(deciding)));
                    }
                }
            }
            return Optional.empty();
        }

        private record Choice(String resource, String kind, double score) {
        }

        /**
         * The (resource, kind) pairs to try, best first. With no resource found, a kind may bring
         * the resource it assumes (errors: requests), and rows for any resource still fit.
         */
        private List<Choice> choices(List<Map.Entry<String, Double>> resources, List<Map.Entry<String, Double>> kinds) {
            List<Choice> choices = new ArrayList<>();
            double topKind = kinds.isEmpty() ? 0 : kinds.get(0).getValue();
            for (Map.Entry<String, Double> kind : kinds) {
                if (kind.getValue() < topKind / 2) {
                    continue; // a kind far behind the best one is not what the alert is about
                }
                if (resources.isEmpty()) {
                    String assumed = dictionary.file.assumed() == null ? null
                            : dictionary.file.assumed().get(kind.getKey());
                    if (assumed != null && kind.getValue() >= 2 * dictionary.minimum() - 1e-9) {
                        choices.add(new Choice(assumed, kind.getKey(), kind.getValue() + 0.001));
                    }
                    choices.add(new Choice("", kind.getKey(), kind.getValue()));
                }
                for (Map.Entry<String, Double> resource : resources) {
                    choices.add(new Choice(resource.getKey(), kind.getKey(), resource.getValue() + kind.getValue()));
                }
            }
            choices.sort(Comparator.comparingDouble(Choice::score).reversed());
            return choices;
        }

        /** Values of one aspect whose score reaches the minimum, best first. */
        private List<Map.Entry<String, Double>> ranked(Aspect aspect) {
            Map<String, Double> scores = new HashMap<>();
            evidence.stream().filter(e -> e.aspect() == aspect)
                    .forEach(e -> scores.merge(e.value(), e.score(), Double::sum));
            return scores.entrySet().stream()
                    .filter(e -> e.getValue() >= dictionary.minimum() - 1e-9)
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .toList();
        }

        private AlertReading reading(Alert alert, String family, String symptom, String resource, String kind,
                String role, String basis) {
            String component = alert.getComponent() == null ? "" : alert.getComponent();
            Group group = dictionary.file.resources().get(resource);
            if (component.isBlank() && group != null && group.where() != null) {
                component = group.where().stream().map(alert::label).filter(v -> !v.isBlank()).findFirst().orElse("");
            }
            return new AlertReading(alert.getId(), alert.getName(), alert.getSystem(), component, alert.isFiring(),
                    alert.isCritical(), symptom, resource, kind, role, family, AlertReading.WORDS, basis);
        }
    }

    /** {@code "disk", "full" in the name; mountpoint label; node_filesystem_avail_bytes in the query}. */
    private static String basis(List<Evidence> deciding) {
        Map<String, Set<String>> bySource = new LinkedHashMap<>();
        SOURCE_ORDER.forEach(s -> bySource.put(s, new LinkedHashSet<>()));
        deciding.forEach(e -> bySource.get(e.source()).add(e.shown()));
        List<String> parts = new ArrayList<>();
        bySource.forEach((source, shown) -> {
            if (shown.isEmpty()) {
                return;
            }
            String list = String.join(", ", shown);
            parts.add(switch (source) {
                case "labels" -> list + (shown.size() == 1 ? " label" : " labels");
                case "runbook" -> list + " in the runbook path";
                case "family" -> list + " family";
                default -> list + " in the " + source;
            });
        });
        return parts.stream().collect(Collectors.joining("; "));
    }
}
