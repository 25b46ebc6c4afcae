package com.saypro.triage.diagnosis.recognition;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.core.io.ClassPathResource;

import com.saypro.triage.knowledge.KbSeedException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * kb-seed/alert-words.yaml, read and checked, with its words indexed for lookup: every word or
 * phrase maps to what it means (a resource, a kind or a role, with a weight), or marks a calm
 * word or a negator.
 */
final class WordDictionary {

    static final String FILE = "alert-words.yaml";
    static final Set<String> SOURCES = Set.of("name", "labels", "query", "runbook", "summary", "message",
            "description");

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private static final double WEAK = 0.5;
    /** Weak words outside the name count half as much again. */
    static final double WEAK_OUTSIDE_NAME = 0.5;

    /** The file as written. */
    record File(Map<String, Double> weights, Double minimum, Map<String, Group> resources,
            Map<String, Group> kinds, Map<String, Group> roles, Map<String, LabelMeaning> labels,
            Map<String, String> families, Map<String, String> assumed, List<Row> symptoms, List<String> calm,
            List<String> negators) {
    }

    record Group(List<String> words, List<String> weak, List<String> where) {
    }

    record LabelMeaning(String resource, String kind, String role, Double weight) {
    }

    /** One row of the resource + kind -> symptom table. */
    record Row(String resource, String kind, String role, List<String> words, List<String> unless,
            String symptom) {

        boolean fits(String resource, String kind, String role, Set<String> seen) {
            return ("any".equals(this.resource) || this.resource.equals(resource)) && this.kind.equals(kind)
                    && (this.role == null || this.role.equals(role))
                    && (words == null || words.stream().anyMatch(seen::contains))
                    && (unless == null || unless.stream().noneMatch(seen::contains));
        }
    }

    enum Aspect { RESOURCE, KIND, ROLE, CALM, NEGATOR }

    /** What a word or phrase means: an aspect, its value (resource, kind or role) and weight. */
    record Meaning(Aspect aspect, String value, double weight) {

        boolean weak() {
            return weight < 1;
        }
    }

    final File file;
    final Map<String, List<Meaning>> phrases = new HashMap<>();
    /** The dictionary's phrases by their singular, for plurals read in the singular. */
    private final Map<String, List<Meaning>> singulars = new HashMap<>();
    final int longestPhrase;

    private WordDictionary(File file) {
        this.file = file;
        index(file.resources(), Aspect.RESOURCE);
        index(file.kinds(), Aspect.KIND);
        index(file.roles(), Aspect.ROLE);
        file.calm().forEach(w -> add(w, new Meaning(Aspect.CALM, "", 1)));
        file.negators().forEach(w -> add(w, new Meaning(Aspect.NEGATOR, "", 1)));
        phrases.forEach((phrase, meanings) -> singulars.merge(singular(phrase), meanings,
                (a, b) -> a.size() >= b.size() ? a : b));
        longestPhrase = phrases.keySet().stream().mapToInt(p -> p.split(" ").length).max().orElse(1);
    }

    /** From a kb-seed folder, or from the copy in the jar when {@code dir} is null. */
    static WordDictionary read(Path dir) {
        String where = dir == null ? "classpath:kb-seed/" + FILE : dir.resolve(FILE).toString();
        try (InputStream in = dir == null ? new ClassPathResource("kb-seed/" + FILE).getInputStream()
                : Files.newInputStream(dir.resolve(FILE))) {
            return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), where);
        } catch (IOException e) {
            throw new KbSeedException("Cannot read the alert words " + where + ": " + e.getMessage(), e);
        }
    }

    static WordDictionary parse(String yaml, String where) {
        File file;
        try {
            file = YAML.readValue(yaml, File.class);
        } catch (JacksonException e) {
            throw new KbSeedException("Cannot read the alert words " + where + ": " + e.getOriginalMessage(), e);
        }
        check(file, where);
        return new WordDictionary(file);
    }

    double weight(String source) {
        return file.weights().getOrDefault(source, 0.0);
    }

    double minimum() {
        return file.minimum();
    }

    /**
     * What a word or phrase means. A plural not written in the dictionary is read as its singular
     * ("replicas", "entries", "page faults"), and a phrase written there in the plural is found
     * from its singular ("file descriptor").
     */
    List<Meaning> meanings(String phrase) {
        List<Meaning> exact = phrases.get(phrase);
        if (exact != null) {
            return exact;
        }
        String singular = singular(phrase);
        List<Meaning> meanings = phrases.getOrDefault(singular, List.of());
        if (meanings.isEmpty() && phrase.contains(" ")) {
            // a phrase written in the plural ("file descriptors") is found from its singular; a single
            // word is not ("queries" says database, "query" says nothing)
            meanings = singulars.getOrDefault(singular, List.of());
        }
        return meanings;
    }

    /** True when the word or phrase is in the dictionary (as written or as a plural). */
    boolean knows(String phrase) {
        return !meanings(phrase).isEmpty();
    }

    /** Every word of the phrase in the singular: "pages faults" -> "page fault", "entries" -> "entry". */
    static String singular(String phrase) {
        String[] words = phrase.split(" ");
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            if (w.length() > 4 && w.endsWith("ies")) {
                words[i] = w.substring(0, w.length() - 3) + "y";
            } else if (w.length() > 4 && (w.endsWith("sses") || w.endsWith("ches") || w.endsWith("shes")
                    || w.endsWith("xes"))) {
                words[i] = w.substring(0, w.length() - 2);
            } else if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us")
                    && !w.endsWith("is")) {
                words[i] = w.substring(0, w.length() - 1);
            }
        }
        return String.join(" ", words);
    }

    private void index(Map<String, Group> groups, Aspect aspect) {
        groups.forEach((value, group) -> {
            nullToEmpty(group.words()).forEach(w -> add(w, new Meaning(aspect, value, 1)));
            nullToEmpty(group.weak()).forEach(w -> add(w, new Meaning(aspect, value, WEAK)));
        });
    }

    private void add(String phrase, Meaning meaning) {
        String key = String.join(" ", AlertText.words(phrase));
        List<Meaning> list = phrases.computeIfAbsent(key, k -> new ArrayList<>());
        list.removeIf(m -> m.aspect() == meaning.aspect() && m.value().equals(meaning.value()));
        list.add(meaning);
    }

    private static void check(File file, String where) {
        List<String> problems = new ArrayList<>();
        if (file == null) {
            throw new KbSeedException(where + " is empty");
        }
        if (file.weights() == null || !file.weights().keySet().equals(SOURCES)) {
            problems.add("weights must give a weight for each of " + SOURCES);
        }
        if (file.minimum() == null || file.minimum() <= 0) {
            problems.add("minimum must be a positive number");
        }
        for (String section : List.of("resources", "kinds", "roles", "labels", "symptoms", "calm", "negators")) {
            Object value = switch (section) {
                case "resources" -> file.resources();
                case "kinds" -> file.kinds();
                case "roles" -> file.roles();
                case "labels" -> file.labels();
                case "symptoms" -> file.symptoms();
                case "calm" -> file.calm();
                default -> file.negators();
            };
            if (value == null) {
                problems.add("section '" + section + "' is missing");
            }
        }
        if (!problems.isEmpty()) {
            throw new KbSeedException("The alert words " + where + " are inconsistent:\n  "
                    + String.join("\n  ", problems));
        }
        Set<String> resources = file.resources().keySet();
        Set<String> kinds = file.kinds().keySet();
        Set<String> roles = file.roles().keySet();
        checkGroups(file.resources(), "resource", problems);
        checkGroups(file.kinds(), "kind", problems);
        checkGroups(file.roles(), "role", problems);
        file.labels().forEach((key, meaning) -> {
            String at = "label " + key;
            if (meaning.resource() == null && meaning.kind() == null && meaning.role() == null) {
                problems.add(at + " says nothing (give a resource, kind or role)");
            }
            known(meaning.resource(), resources, at + ": resource", problems);
            known(meaning.kind(), kinds, at + ": kind", problems);
            known(meaning.role(), roles, at + ": role", problems);
        });
        orEmpty(file.families()).forEach((family, role) -> known(role, roles, "family " + family + ": role",
                problems));
        orEmpty(file.assumed()).forEach((kind, resource) -> {
            known(kind, kinds, "assumed: kind", problems);
            known(resource, resources, "assumed " + kind + ": resource", problems);
        });
        for (int i = 0; i < file.symptoms().size(); i++) {
            Row row = file.symptoms().get(i);
            String at = "symptoms row " + (i + 1);
            if (row.resource() == null || row.kind() == null || row.symptom() == null) {
                problems.add(at + " needs resource, kind and symptom");
                continue;
            }
            if (!"any".equals(row.resource())) {
                known(row.resource(), resources, at + ": resource", problems);
            }
            known(row.kind(), kinds, at + ": kind", problems);
            known(row.role(), roles, at + ": role", problems);
            if (!row.symptom().matches("[A-Z][A-Z0-9_]*")) {
                problems.add(at + ": symptom '" + row.symptom() + "' must be UPPER_SNAKE_CASE");
            }
        }
        if (!problems.isEmpty()) {
            throw new KbSeedException("The alert words " + where + " are inconsistent:\n  "
                    + String.join("\n  ", problems));
        }
    }

    private static void checkGroups(Map<String, Group> groups, String what, List<String> problems) {
        groups.forEach((value, group) -> {
            if (!value.matches("[a-z][a-z0-9_]*")) {
                problems.add(what + " '" + value + "' must be lower_snake_case");
            }
            if (group == null || (nullToEmpty(group.words()).isEmpty() && nullToEmpty(group.weak()).isEmpty())) {
                problems.add(what + " " + value + " has no words");
                return;
            }
            for (String word : concat(group.words(), group.weak())) {
                if (word == null || AlertText.words(word).isEmpty()) {
                    problems.add(what + " " + value + ": '" + word + "' has no word in it");
                } else if (!String.join(" ", AlertText.words(word)).equals(word.toLowerCase(Locale.ROOT).trim())) {
                    problems.add(what + " " + value + ": '" + word + "' is read as '"
                            + String.join(" ", AlertText.words(word)) + "'; write it that way");
                }
            }
        });
    }

    private static void known(String value, Set<String> allowed, String what, List<String> problems) {
        if (value != null && !allowed.contains(value)) {
            problems.add(what + " '" + value + "' is not one of " + allowed);
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(nullToEmpty(a));
        all.addAll(nullToEmpty(b));
        return all;
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? new LinkedHashMap<>() : map;
    }
}
