package com.saypro.triage.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The guard corpus: every attempt to reach outside the allow-list is refused before
 * compilation, and every seeded rule file is accepted.
 */
class DrlGuardTests {

    private static final String HEADER = """
            package infra;

            import com.saypro.triage.diagnosis.facts.Symptom;
            import com.saypro.triage.diagnosis.facts.CandidateCause;
            """;

    record Attempt(String name, String drl, int line) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static String rule(String when, String then) {
        return HEADER + """

                rule "An attempt"
                when
                    %s
                then
                    %s
                end
                """.formatted(when, then);
    }

    private static String then(String action) {
        return rule("$s : Symptom()", action);
    }

    static List<Attempt> attempts() {
        // The header has 4 lines, then a blank line: "rule" is line 6, the condition 8, the action 10.
        return List.of(
                new Attempt("Runtime.exec in a consequence",
                        then("Runtime.getRuntime().exec(\"rm -rf /\");"), 10),
                new Attempt("fully qualified java.lang.Runtime",
                        then("java.lang.Runtime.getRuntime().exec(\"id\");"), 10),
                new Attempt("new ProcessBuilder",
                        then("new ProcessBuilder(\"id\").start();"), 10),
                new Attempt("System.exit", then("System.exit(1);"), 10),
                new Attempt("import java.io.File", HEADER + "import java.io.File;\n", 5),
                new Attempt("java.nio.file.Files in a consequence",
                        then("java.nio.file.Files.delete(java.nio.file.Path.of(\"/tmp/x\"));"), 10),
                new Attempt("Runtime in an MVEL constraint",
                        rule("$s : Symptom( eval(Runtime.getRuntime() != null) )", "insertLogical(new CandidateCause(\"X\", 0.1, \"\"));"), 8),
                new Attempt("Runtime in an eval",
                        rule("eval( Runtime.getRuntime().availableProcessors() > 0 )", "insertLogical(new CandidateCause(\"X\", 0.1, \"\"));"), 8),
                new Attempt("Runtime in a constraint", rule("$s : Symptom( code == java.lang.Runtime.version().toString() )", ""), 8),
                new Attempt("from a forbidden source", rule("$f : Object() from java.nio.file.Files.list(java.nio.file.Path.of(\"/\")).toList()", ""), 8),
                new Attempt("in a function", HEADER + """

                        function void boom(String command) {
                            Runtime.getRuntime().exec(command);
                        }
                        """, 7),
                new Attempt("Class.forName with a string trick",
                        then("Object r = Class.forName(\"java.lang.\" + \"Runtime\");"), 10),
                new Attempt("forName on a string-built name without naming Class",
                        then("Object c = $s.getClass().forName(\"java.lang.\" + \"Runtime\");"), 10),
                new Attempt("reflection through getClass().getMethod",
                        then("Object m = $s.getClass().getMethod(\"code\");"), 10),
                new Attempt("reflection through invoke",
                        rule("$s : Symptom($m : code)", "Object x = ((Object) $m).toString(); x = drools.invoke($s);"), 10),
                new Attempt("declared type with a Thread field", HEADER + """

                        declare Holder
                            worker : java.lang.Thread
                        end
                        """, 7),
                new Attempt("declared type with an imported-looking Thread field", HEADER + """

                        declare Holder
                            worker : Thread
                        end
                        """, 7),
                new Attempt("global of a forbidden type", HEADER + "\nglobal java.lang.ProcessBuilder builder;\n", 6),
                new Attempt("java.net.Socket", then("new java.net.Socket(\"evil.example\", 80);"), 10),
                new Attempt("java.net.URL", then("new java.net.URL(\"http://evil.example\").openStream();"), 10),
                new Attempt("Thread.sleep", then("Thread.sleep(10000);"), 10),
                new Attempt("import function", HEADER + "import function java.lang.System.exit;\n", 5),
                new Attempt("class literal", then("Object c = String.class;"), 10),
                new Attempt("ClassLoader", then("ClassLoader l = null;"), 10));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attempts")
    void shouldRefuseEveryAttemptBeforeCompilationNamingTheLine(Attempt attempt) {
        List<RuleProblem> problems = DrlGuard.check(List.of(new RuleSource("infra/Attempt.drl", attempt.drl())));

        assertThat(problems).as(attempt.drl()).isNotEmpty();
        assertThat(problems).allSatisfy(p -> {
            assertThat(p.file()).isEqualTo("infra/Attempt.drl");
            assertThat(p.message()).startsWith("refused by the rule guard");
        });
        assertThat(problems).extracting(RuleProblem::line).contains(attempt.line());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attempts")
    void shouldNeverHandARefusedFileToTheCompiler(Attempt attempt) {
        assertThatThrownBy(() -> new RuleBaseCompiler().compile("test",
                List.of(new RuleSource("infra/Attempt.drl", attempt.drl()))))
                .isInstanceOf(RuleCompilationException.class)
                .satisfies(e -> assertThat(((RuleCompilationException) e).getProblems())
                        .allSatisfy(p -> assertThat(p.message()).startsWith("refused by the rule guard")));
    }

    @Test
    void shouldNameFileLineColumnAndWhatWasRefused() {
        List<RuleProblem> problems = DrlGuard.check(List.of(new RuleSource("infra/Attempt.drl",
                then("Runtime.getRuntime().exec(\"rm -rf /\");"))));

        assertThat(problems).extracting(RuleProblem::line, RuleProblem::column).containsOnly(tuple(10, 5));
        assertThat(problems).extracting(RuleProblem::message).anySatisfy(m -> assertThat(m)
                .contains("Runtime is not on the allow-list").contains("rule \"An attempt\""));
    }

    @Test
    void shouldAcceptTheFactModelJavaUtilAndMvelConstraints() {
        String drl = HEADER + """
                import java.util.List;

                rule "Allowed"
                when
                    $s : Symptom( code matches "DISK_.*", detail != null, code in ("A", "B") )
                    $all : List( size > 1 ) from collect( Symptom( system == $s.system ) )
                then
                    String where = $s.getSystem().toUpperCase() + Math.max(1, $all.size());
                    insertLogical( new CandidateCause("DISK_FULL", 0.5, where) );
                end
                """;

        assertThat(DrlGuard.check(List.of(new RuleSource("infra/Allowed.drl", drl)))).isEmpty();
    }

    @Test
    void shouldAcceptEverySeededRuleFileIncludingTheThresholds() {
        List<RuleSource> diagnosis = RuleFiles.fromDirectory(Path.of("rules"));
        List<RuleSource> thresholds = RuleFiles.streamFromDirectory(Path.of("rules"));

        assertThat(diagnosis).hasSizeGreaterThan(20);
        assertThat(thresholds).isNotEmpty();
        assertThat(DrlGuard.check(diagnosis)).isEmpty();
        assertThat(DrlGuard.check(thresholds)).isEmpty();
    }

    @Test
    void shouldLeaveSyntaxErrorsToTheCompiler() {
        assertThat(DrlGuard.check(List.of(new RuleSource("infra/Broken.drl",
                then("Runtime.getRuntime();").replace("$s : Symptom()", "$s : Symptom("))))).isEmpty();
    }
}
