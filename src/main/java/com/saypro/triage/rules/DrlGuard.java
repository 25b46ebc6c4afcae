package com.saypro.triage.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.drools.drl.ast.descr.AbstractClassTypeDeclarationDescr;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.BindingDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.EntryPointDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.FunctionImportDescr;
import org.drools.drl.ast.descr.GlobalDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.ast.descr.TypeFieldDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

/**
 * The DRL safety guard: refuses rule files that reach outside {@link RuleAllowList}, before
 * anything is compiled (Drools has no sandbox, and a consequence is plain Java). Each file is
 * parsed with the Drools parser; its imports, globals, declared types, functions, rule
 * conditions and consequences are checked, the Java and MVEL in them with
 * {@link RuleCodeChecker}. A file the Drools parser cannot read is left to the compiler,
 * which reports the syntax error.
 */
public final class DrlGuard {

    /** Accumulate functions of Drools itself; a file may not import others. */
    private static final Set<String> ACCUMULATE_FUNCTIONS = Set.of("count", "sum", "min", "max", "average",
            "collectList", "collectSet", "countDistinct", "variance", "standardDeviation", "init");

    private DrlGuard() {
    }

    /** The refusals for these files, empty when every file keeps within the allow-list. */
    public static List<RuleProblem> check(List<RuleSource> sources) {
        List<RuleProblem> problems = new ArrayList<>();
        for (RuleSource source : sources) {
            problems.addAll(check(source));
        }
        return problems;
    }

    static List<RuleProblem> check(RuleSource source) {
        List<RuleProblem> problems = new ArrayList<>();
        DrlParser parser = new DrlParser();
        PackageDescr pkg;
        try {
            pkg = parser.parse(false, source.content());
        } catch (DroolsParserException | RuntimeException e) {
            return problems; // the compiler reports it
        }
        if (pkg == null || parser.hasErrors()) {
            return problems;
        }
        String file = source.path();
        Set<String> knownTypes = new HashSet<>();
        RuleCodeChecker code = new RuleCodeChecker(file, knownTypes, problems);
        for (ImportDescr imp : pkg.getImports()) {
            String target = imp.getTarget();
            String qualified = target.endsWith(".*") ? target.substring(0, target.length() - 2) + ".X" : target;
            if (RuleAllowList.allowsClass(qualified)) {
                knownTypes.add(target.substring(target.lastIndexOf('.') + 1));
            } else {
                refuse(problems, file, imp, "import " + target + " is not on the allow-list of what rules may use");
            }
        }
        for (FunctionImportDescr imp : pkg.getFunctionImports()) {
            refuse(problems, file, imp, "import function " + imp.getTarget() + " is not allowed in rules");
        }
        for (BaseDescr imp : pkg.getAccumulateImports()) {
            refuse(problems, file, imp, "import accumulate is not allowed in rules");
        }
        for (AbstractClassTypeDeclarationDescr type : pkg.getTypeDeclarations()) {
            knownTypes.add(type.getTypeName());
        }
        for (AbstractClassTypeDeclarationDescr type : pkg.getEnumDeclarations()) {
            knownTypes.add(type.getTypeName());
        }
        for (AbstractClassTypeDeclarationDescr type : pkg.getTypeDeclarations()) {
            checkDeclaredType(code, type);
        }
        for (AbstractClassTypeDeclarationDescr type : pkg.getEnumDeclarations()) {
            checkDeclaredType(code, type);
        }
        for (GlobalDescr global : pkg.getGlobals()) {
            code.checkTypeName(global.getType(), global.getLine(), global.getColumn(),
                    "global " + global.getIdentifier());
        }
        for (FunctionDescr function : pkg.getFunctions()) {
            String where = "function " + function.getName();
            code.checkTypeName(function.getReturnType(), function.getLine(), function.getColumn(), where);
            for (String type : function.getParameterTypes()) {
                code.checkTypeName(type, function.getLine(), function.getColumn(), where);
            }
            checkBlock(code, source.content(), function.getBody(), function.getStartCharacter(), where);
        }
        for (RuleDescr rule : pkg.getRules()) {
            String where = "rule \"" + rule.getName() + "\"";
            lhs(code, rule.getLhs(), where, problems, file, rule.getLine(), 1);
            Object consequence = rule.getConsequence();
            if (consequence != null) {
                checkBlock(code, source.content(), consequence.toString(), rule.getStartCharacter(), where + ", then");
            }
            for (Object named : rule.getNamedConsequences().values()) {
                checkBlock(code, source.content(), named.toString(), rule.getStartCharacter(), where + ", then");
            }
        }
        return problems;
    }

    private static void checkDeclaredType(RuleCodeChecker code, AbstractClassTypeDeclarationDescr type) {
        String where = "declare " + type.getTypeName();
        if (type.getSuperTypeName() != null && !type.getSuperTypeName().equals("Object")) {
            code.checkTypeName(type.getSuperTypeName(), type.getLine(), type.getColumn(), where);
        }
        for (TypeFieldDescr field : type.getFields().values()) {
            code.checkTypeName(field.getPattern().getObjectType(), field.getLine(), field.getColumn(),
                    where + ", field " + field.getFieldName());
            if (field.getInitExpr() != null) {
                code.checkExpression(field.getInitExpr(), field.getLine(), field.getColumn(), where);
            }
        }
    }

    private static void lhs(RuleCodeChecker code, Object element, String where, List<RuleProblem> problems,
            String file, int parentLine, int parentColumn) {
        if (!(element instanceof BaseDescr descr)) {
            return;
        }
        int line = descr.getLine() > 0 ? descr.getLine() : parentLine;
        int column = descr.getLine() > 0 ? descr.getColumn() + 1 : parentColumn;
        if (descr instanceof PatternDescr pattern) {
            code.checkTypeName(pattern.getObjectType(), line, column, where);
            lhs(code, pattern.getConstraint(), where, problems, file, line, column);
            lhs(code, pattern.getSource(), where, problems, file, line, column);
        } else if (descr instanceof ExprConstraintDescr constraint) {
            code.checkExpression(constraint.getExpression(), line, column, where);
        } else if (descr instanceof BindingDescr binding) {
            code.checkExpression(binding.getExpression(), line, column, where);
        } else if (descr instanceof EvalDescr eval) {
            code.checkExpression(String.valueOf(eval.getContent()), line, column, where + ", eval");
        } else if (descr instanceof FromDescr from) {
            code.checkExpression(from.getExpression(), line, column, where + ", from");
        } else if (descr instanceof CollectDescr collect) {
            lhs(code, collect.getInputPattern(), where, problems, file, line, column);
        } else if (descr instanceof AccumulateDescr accumulate) {
            lhs(code, accumulate.getInput(), where, problems, file, line, column);
            for (AccumulateDescr.AccumulateFunctionCallDescr function : accumulate.getFunctions()) {
                if (!ACCUMULATE_FUNCTIONS.contains(function.getFunction())) {
                    refuse(problems, file, accumulate, "accumulate function " + function.getFunction()
                            + " is not one of Drools' own");
                }
                for (String param : function.getParams()) {
                    code.checkExpression(param, line, column, where + ", accumulate");
                }
            }
            for (String block : new String[] {accumulate.getInitCode(), accumulate.getActionCode(),
                    accumulate.getReverseCode(), accumulate.getResultCode()}) {
                if (block != null) {
                    code.checkBlock(block, line, column, where + ", accumulate");
                }
            }
        } else if (descr instanceof ConditionalElementDescr conditional) {
            for (BaseDescr child : conditional.getDescrs()) {
                lhs(code, child, where, problems, file, line, column);
            }
        } else if (!(descr instanceof EntryPointDescr)) {
            // Whatever this guard does not know how to check is refused rather than let through.
            refuse(problems, file, descr, "the rule guard cannot check a " + descr.getClass().getSimpleName()
                    + " (" + where + ")");
        }
    }

    /**
     * Checks a block (a function body, a consequence) at the place it has in the file: the
     * parser hands over its text without a position, so it is found after the start of the
     * function or rule it belongs to.
     */
    private static void checkBlock(RuleCodeChecker code, String content, String block, int from, String where) {
        String text = block.strip();
        if (text.isEmpty()) {
            return;
        }
        int at = content.indexOf(text, Math.max(from, 0));
        if (at < 0) {
            at = content.indexOf(text);
        }
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < Math.max(at, 0); i++) {
            if (content.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        code.checkBlock(text, at < 0 ? 0 : line, at < 0 ? 0 : at - lineStart + 1, where);
    }

    private static void refuse(List<RuleProblem> problems, String file, BaseDescr descr, String message) {
        problems.add(new RuleProblem(file, Math.max(descr.getLine(), 0), Math.max(descr.getColumn(), 0) + 1,
                "refused by the rule guard: " + message));
    }
}
