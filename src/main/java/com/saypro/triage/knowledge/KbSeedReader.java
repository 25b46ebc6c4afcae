package com.saypro.triage.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

import org.springframework.core.io.ClassPathResource;

import com.saypro.triage.knowledge.KbSeed.SeedCause;
import com.saypro.triage.knowledge.KbSeed.SeedPlaybook;
import com.saypro.triage.knowledge.KbSeed.SeedQuestion;
import com.saypro.triage.knowledge.KbSeed.SeedStep;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reads and checks kb-seed/causes.yaml, playbooks.yaml and questions.yaml ({@link SystemsSeed} reads systems.yaml). */
final class KbSeedReader {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    static final List<String> FILES = List.of("causes.yaml", "playbooks.yaml", "questions.yaml", "systems.yaml");

    private KbSeedReader() {
    }

    /** From a folder, or from the copy in the jar when {@code dir} is null. */
    static KbSeed read(Path dir) {
        List<SeedCause> causes = list(dir, "causes.yaml", "causes", SeedCause.class);
        List<SeedPlaybook> playbooks = list(dir, "playbooks.yaml", "playbooks", SeedPlaybook.class);
        List<SeedQuestion> questions = list(dir, "questions.yaml", "questions", SeedQuestion.class);
        KbSeed seed = new KbSeed(causes, playbooks, questions);
        check(seed);
        return seed;
    }

    /** Like {@link #list}, but a file that is not there holds no entries. */
    static <T> List<T> optionalList(Path dir, String file, String key, Class<T> type) {
        boolean present = dir == null ? new ClassPathResource("kb-seed/" + file).exists()
                : Files.isRegularFile(dir.resolve(file));
        return present ? list(dir, file, key, type) : List.of();
    }

    static <T> List<T> list(Path dir, String file, String key, Class<T> type) {
        String where = dir == null ? "classpath:kb-seed/" + file : dir.resolve(file).toString();
        try (InputStream in = dir == null ? new ClassPathResource("kb-seed/" + file).getInputStream()
                : Files.newInputStream(dir.resolve(file))) {
            JsonNode root = YAML.readTree(in);
            JsonNode items = root == null ? null : root.get(key);
            if (items == null || !items.isArray()) {
                throw new KbSeedException(where + ": expected a top-level list '" + key + ":'");
            }
            List<T> result = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                try {
                    result.add(YAML.treeToValue(items.get(i), type));
                } catch (JacksonException e) {
                    throw new KbSeedException(where + ": entry " + (i + 1) + " of '" + key + "': "
                            + e.getOriginalMessage());
                }
            }
            return result;
        } catch (IOException | JacksonException e) {
            throw new KbSeedException("Cannot read the knowledge-base seed " + where + ": " + e.getMessage(), e);
        }
    }

    private static void check(KbSeed seed) {
        List<String> problems = new ArrayList<>();
        Set<String> playbookCodes = unique(seed.playbooks(), SeedPlaybook::code, "playbook", problems);
        unique(seed.causes(), SeedCause::code, "cause", problems);
        Set<String> questionCodes = unique(seed.questions(), SeedQuestion::code, "question", problems);
        for (SeedCause cause : seed.causes()) {
            String at = "cause " + cause.code();
            require(cause.title(), at + ": title", problems);
            require(cause.description(), at + ": description", problems);
            try {
                CauseCategory.valueOf(String.valueOf(cause.category()).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(at + ": category '" + cause.category() + "' is not one of "
                        + List.of(CauseCategory.values()));
            }
            if (cause.playbooks() == null || cause.playbooks().isEmpty()) {
                problems.add(at + ": names no playbook");
            } else {
                cause.playbooks().stream().filter(p -> !playbookCodes.contains(p))
                        .forEach(p -> problems.add(at + ": playbook " + p + " is not in playbooks.yaml"));
            }
        }
        for (SeedPlaybook playbook : seed.playbooks()) {
            String at = "playbook " + playbook.code();
            require(playbook.title(), at + ": title", problems);
            if (!List.of("low", "medium", "high").contains(String.valueOf(playbook.risk()).toLowerCase(Locale.ROOT))) {
                problems.add(at + ": risk must be low, medium or high");
            }
            if (playbook.steps() == null || playbook.steps().isEmpty()) {
                problems.add(at + ": has no steps");
                continue;
            }
            for (SeedStep step : playbook.steps()) {
                try {
                    Playbook.StepKind.valueOf(String.valueOf(step.kind()).toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    problems.add(at + ": step kind '" + step.kind() + "' is not check, fix or verify");
                }
                require(step.text(), at + ": step text", problems);
                if (step.answers() != null && !"check".equalsIgnoreCase(step.kind())) {
                    problems.add(at + ": only a check step answers a question (a " + step.kind() + " step names "
                            + step.answers() + ")");
                } else if (step.answers() != null && !questionCodes.contains(step.answers())) {
                    problems.add(at + ": a step answers question " + step.answers()
                            + ", which is not in questions.yaml");
                }
            }
        }
        for (SeedQuestion question : seed.questions()) {
            String at = "question " + question.code();
            require(question.text(), at + ": text", problems);
            if (question.options() == null || question.options().size() < 2) {
                problems.add(at + ": needs at least two options");
            }
        }
        if (!problems.isEmpty()) {
            throw new KbSeedException("The knowledge-base seed is inconsistent:\n  " + String.join("\n  ", problems));
        }
    }

    private static void require(String value, String what, List<String> problems) {
        if (value == null || value.isBlank()) {
            problems.add(what + " is missing");
        }
    }

    private static <T> Set<String> unique(List<T> items, Function<T, String> code, String what,
            List<String> problems) {
        Set<String> seen = new HashSet<>();
        for (T item : items) {
            String c = code.apply(item);
            if (c == null || !c.matches("[A-Z][A-Z0-9_]*")) {
                problems.add(what + " code '" + c + "' must be UPPER_SNAKE_CASE");
            } else if (!seen.add(c)) {
                problems.add(what + " " + c + " is defined twice");
            }
        }
        return seen;
    }
}
