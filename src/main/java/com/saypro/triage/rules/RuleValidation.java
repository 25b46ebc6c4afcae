package com.saypro.triage.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * Guard and compile a set of rule files without using them: the diagnosis files together,
 * the threshold files ({@value RuleFiles#STREAM_FOLDER}) together, as they would be loaded.
 * Shared by the validate API and the command line.
 */
public final class RuleValidation {

    private RuleValidation() {
    }

    /** Every refusal and compile error of these files; empty when they would load. */
    public static List<RuleProblem> problems(String origin, List<RuleSource> sources) {
        return problems(origin, sources, null);
    }

    /**
     * As {@link #problems(String, List)}, and the diagnosis files, once they compile, must
     * name only codes the knowledge base has ({@code codes}; null: not checked).
     */
    public static List<RuleProblem> problems(String origin, List<RuleSource> sources, KnowledgeCodeCheck.Codes codes) {
        List<RuleSource> diagnosis = sources.stream().filter(s -> !s.path().startsWith(RuleFiles.STREAM_FOLDER))
                .toList();
        List<RuleSource> thresholds = sources.stream().filter(s -> s.path().startsWith(RuleFiles.STREAM_FOLDER))
                .toList();
        List<RuleProblem> problems = new ArrayList<>();
        for (List<RuleSource> part : List.of(diagnosis, thresholds)) {
            if (part.isEmpty()) {
                continue;
            }
            try {
                new RuleBaseCompiler().compile(origin, part);
                if (codes != null && part == diagnosis) {
                    problems.addAll(new KnowledgeCodeCheck(codes).check(part));
                }
            } catch (RuleCompilationException e) {
                problems.addAll(e.getProblems());
            }
        }
        if (diagnosis.isEmpty() && thresholds.isEmpty()) {
            problems.add(new RuleProblem(origin, 0, 0, "no .drl files found"));
        }
        return problems;
    }
}
