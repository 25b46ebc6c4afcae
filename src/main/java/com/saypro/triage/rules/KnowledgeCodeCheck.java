package com.saypro.triage.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.stmt.BlockStmt;

/**
 * Refuses rules that name a cause, question or playbook the knowledge base does not have: a
 * vote for a code nobody defined would reach analysts as a raw code with no title, playbook
 * or category. Checked are the codes written as text in {@code new CandidateCause(..)},
 * {@code new Question(..)} and {@code new PlaybookRecommendation(..)} (in rule actions and
 * functions) and in the {@code @cause} metadata, each problem at the line and column of the
 * code in the file.
 */
public final class KnowledgeCodeCheck {

    /** The codes the knowledge base defines. */
    public record Codes(Set<String> causes, Set<String> questions, Set<String> playbooks) {
    }

    private final Codes codes;
    private final JavaParser parser = new JavaParser(
            new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));

    public KnowledgeCodeCheck(Codes codes) {
        this.codes = codes;
    }

    public List<RuleProblem> check(List<RuleSource> sources) {
        List<RuleProblem> problems = new ArrayList<>();
        for (RuleSource source : sources) {
            check(source, problems);
        }
        return problems;
    }

    private void check(RuleSource source, List<RuleProblem> problems) {
        DrlParser drl = new DrlParser();
        PackageDescr pkg;
        try {
            pkg = drl.parse(false, source.content());
        } catch (DroolsParserException | RuntimeException e) {
            return; // the compiler reports it
        }
        if (pkg == null || drl.hasErrors()) {
            return;
        }
        for (FunctionDescr function : pkg.getFunctions()) {
            checkBlock(source, function.getBody(), function.getStartCharacter(), problems);
        }
        for (RuleDescr rule : pkg.getRules()) {
            Object cause = rule.getAnnotation("cause") == null ? null : rule.getAnnotation("cause").getSingleValue();
            if (cause != null) {
                String code = cause.toString().replace("\"", "").strip();
                if (!codes.causes().contains(code)) {
                    problems.add(problem(source, code, rule.getStartCharacter(), "@cause", "cause"));
                }
            }
            if (rule.getConsequence() != null) {
                checkBlock(source, rule.getConsequence().toString(), rule.getStartCharacter(), problems);
            }
        }
    }

    private void checkBlock(RuleSource source, String block, int from, List<RuleProblem> problems) {
        if (block == null || block.isBlank()) {
            return;
        }
        ParseResult<BlockStmt> parsed = parser.parseBlock("{" + block + "\n}");
        if (!parsed.isSuccessful() || parsed.getResult().isEmpty()) {
            return; // the compiler reports it
        }
        for (ObjectCreationExpr created : parsed.getResult().get().findAll(ObjectCreationExpr.class)) {
            String type = created.getType().getNameAsString();
            List<Expression> args = created.getArguments();
            switch (type) {
                case "CandidateCause" -> literal(args, 0).filter(code -> !codes.causes().contains(code))
                        .ifPresent(code -> problems.add(problem(source, code, from, type, "cause")));
                case "Question" -> literal(args, 0).filter(code -> !codes.questions().contains(code))
                        .ifPresent(code -> problems.add(problem(source, code, from, type, "question")));
                case "PlaybookRecommendation" -> {
                    literal(args, 0).filter(code -> !codes.causes().contains(code))
                            .ifPresent(code -> problems.add(problem(source, code, from, type, "cause")));
                    literal(args, 1).filter(code -> !codes.playbooks().contains(code))
                            .ifPresent(code -> problems.add(problem(source, code, from, type, "playbook")));
                }
                default -> {
                }
            }
        }
    }

    private static Optional<String> literal(List<Expression> args, int index) {
        if (args.size() > index && args.get(index) instanceof StringLiteralExpr text) {
            return Optional.of(text.asString());
        }
        return Optional.empty();
    }

    /** The problem placed at the first mention of the quoted code after {@code from}. */
    private static RuleProblem problem(RuleSource source, String code, int from, String where, String kind) {
        String content = source.content();
        int at = content.indexOf("\"" + code + "\"", Math.max(from, 0));
        if (at < 0) {
            at = content.indexOf("\"" + code + "\"");
        }
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < Math.max(at, 0); i++) {
            if (content.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new RuleProblem(source.path(), at < 0 ? 0 : line, at < 0 ? 0 : at - lineStart + 1,
                where + " names " + kind + " " + code + ", which the knowledge base does not have");
    }
}
