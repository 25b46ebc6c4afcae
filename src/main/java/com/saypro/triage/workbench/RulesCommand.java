package com.saypro.triage.workbench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.saypro.triage.knowledge.KnowledgeBase;
import com.saypro.triage.knowledge.SeedCodes;
import com.saypro.triage.rules.CompiledRuleBase;
import com.saypro.triage.rules.KnowledgeCodeCheck;
import com.saypro.triage.rules.RuleBaseCompiler;
import com.saypro.triage.rules.RuleBaseVersions;
import com.saypro.triage.rules.RuleFiles;
import com.saypro.triage.rules.RuleProblem;
import com.saypro.triage.rules.RuleSource;
import com.saypro.triage.rules.RuleValidation;

import tools.jackson.databind.json.JsonMapper;

/**
 * The rule checks from a shell, for a team's own CI, without starting the web server:
 * <ul>
 * <li>{@code rules validate <dir>} guards and compiles a rule directory as Triage would load
 * it, and checks the codes its rules name against the knowledge-base seed;</li>
 * <li>{@code rules test <dir>} also replays every incident with a confirmed root cause in
 * Triage's database with the rules published there and with {@code <dir>}, and fails when a
 * confirmed cause leaves the top {@value RegressionSuite#TOP}.</li>
 * </ul>
 * Exit codes: {@value #OK} ok, {@value #PROBLEMS} problems, {@value #USAGE} usage (or a
 * database that cannot be read).
 */
public final class RulesCommand {

    public static final int OK = 0;
    public static final int PROBLEMS = 1;
    public static final int USAGE = 2;

    private static final String HELP = """
            usage: java -jar triage.jar rules validate <dir> [--kb-seed <dir>] [--json]
                   java -jar triage.jar rules test <dir> [--json]
              validate  guards and compiles the rule files under <dir> (thresholds/ on their own) and
                        checks the cause, question and playbook codes they name against the
                        knowledge-base seed (--kb-seed, else the seed packed in the application)
              test      validate, then replay every incident with a confirmed root cause in Triage's
                        database (TRIAGE_DB_URL, TRIAGE_DB_USER, TRIAGE_DB_PASSWORD; else the embedded
                        database under TRIAGE_DATA_DIR, default ./data, while Triage is stopped) with
                        the rules published there and with <dir>; a confirmed cause that leaves the
                        top 3 is a problem
              exit 0 ok, 1 problems, 2 usage or an unreadable database""";

    private RulesCommand() {
    }

    /** Whether these command-line arguments ask for a rule command rather than the server. */
    public static boolean handles(String[] args) {
        return args.length > 0 && args[0].equals("rules");
    }

    /** Runs {@code rules ...} (args include the word "rules") and returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, System::getenv);
    }

    /** As {@link #run(String[], PrintStream, PrintStream)}, with the environment given. */
    static int run(String[] args, PrintStream out, PrintStream err, Function<String, String> env) {
        List<String> words = new ArrayList<>(List.of(args));
        boolean json = words.remove("--json");
        Path seedDir = null;
        int seedAt = words.indexOf("--kb-seed");
        if (seedAt >= 0) {
            if (seedAt + 1 >= words.size()) {
                return usage(err, "--kb-seed needs a directory");
            }
            seedDir = Path.of(words.remove(seedAt + 1));
            words.remove(seedAt);
            if (!Files.isDirectory(seedDir)) {
                return usage(err, "not a directory: " + seedDir);
            }
        }
        if (words.size() < 2 || !words.get(0).equals("rules")) {
            return usage(err, "no rule command given");
        }
        String command = words.get(1);
        if (!command.equals("validate") && !command.equals("test")) {
            return usage(err, "unknown rule command: " + command);
        }
        if (words.size() != 3) {
            return usage(err, "rules " + command + " takes one directory");
        }
        if (command.equals("test") && seedDir != null) {
            return usage(err, "rules test checks codes against the knowledge base in the database; drop --kb-seed");
        }
        Path dir = Path.of(words.get(2));
        if (!Files.isDirectory(dir)) {
            return usage(err, "not a directory: " + dir);
        }
        List<RuleSource> sources = new ArrayList<>(RuleFiles.fromDirectory(dir));
        sources.addAll(RuleFiles.streamFromDirectory(dir));
        Map<String, Object> result = new LinkedHashMap<>();
        List<RuleProblem> problems;
        if (command.equals("validate")) {
            SeedCodes seed = SeedCodes.read(seedDir);
            problems = RuleValidation.problems(dir.toString(), sources,
                    new KnowledgeCodeCheck.Codes(seed.causes(), seed.questions(), seed.playbooks()));
        } else {
            DataSource database = dataSource(env);
            try {
                database.getConnection().close();
            } catch (SQLException e) {
                err.println("cannot read Triage's database (" + url(env) + "): " + e.getMessage());
                return USAGE;
            }
            JdbcClient jdbc = JdbcClient.create(database);
            KnowledgeBase knowledge = new KnowledgeBase(jdbc);
            problems = RuleValidation.problems(dir.toString(), sources, new KnowledgeCodeCheck.Codes(
                    knowledge.causes().keySet(), knowledge.questions().keySet(), knowledge.playbooks().keySet()));
            if (problems.isEmpty()) {
                RegressionReport report = regression(jdbc, knowledge, RuleFiles.fromDirectory(dir), dir);
                result.put("report", report);
                problems = new ArrayList<>();
                for (RegressionReport.Case c : report.results()) {
                    if (c.failing()) {
                        problems.add(new RuleProblem("incident " + c.incidentId(), 0, 0, "confirmed cause "
                                + c.confirmedCause() + " ranked " + c.rankBefore() + " with the rules in use and "
                                + (c.rankAfter() == null ? "not at all" : c.rankAfter()) + " with " + dir));
                    }
                }
                if (!json) {
                    out.println(report.summary());
                }
            }
        }
        if (json) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("ok", problems.isEmpty());
            answer.put("files", sources.size());
            answer.put("problems", problems);
            answer.putAll(result);
            out.println(JsonMapper.builder().findAndAddModules().build().writeValueAsString(answer));
        } else if (problems.isEmpty()) {
            out.println("ok: " + sources.size() + " rule files in " + dir + (command.equals("test")
                    ? " pass the guard, compile, name known codes and keep every confirmed cause in the top "
                            + RegressionSuite.TOP
                    : " pass the guard, compile and name known codes"));
        } else {
            problems.forEach(out::println);
            out.println(problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + " in " + dir);
        }
        return problems.isEmpty() ? OK : PROBLEMS;
    }

    /** The draft against the rules last published in the database (or against itself when none was). */
    private static RegressionReport regression(JdbcClient jdbc, KnowledgeBase knowledge, List<RuleSource> draftFiles,
            Path dir) {
        RuleBaseCompiler compiler = new RuleBaseCompiler();
        CompiledRuleBase draft = compiler.compile(dir.toString(), draftFiles);
        RuleBaseVersions versions = new RuleBaseVersions(jdbc);
        Supplier<CompiledRuleBase> published = () -> versions.latestPublishedVersion().flatMap(versions::sources)
                .map(files -> compiler.compile("published", files)).orElse(draft);
        return new RegressionSuite(jdbc, knowledge).run(published.get(), draft);
    }

    private static String url(Function<String, String> env) {
        String configured = env.apply("TRIAGE_DB_URL");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        String dataDir = env.apply("TRIAGE_DATA_DIR");
        Path h2 = Path.of(dataDir == null || dataDir.isBlank() ? "./data" : dataDir).toAbsolutePath().normalize()
                .resolve("triage");
        return "jdbc:h2:file:" + h2.toString().replace('\\', '/')
                + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=LOW;IFEXISTS=TRUE";
    }

    private static DataSource dataSource(Function<String, String> env) {
        String url = url(env);
        String user = env.apply("TRIAGE_DB_USER");
        String password = env.apply("TRIAGE_DB_PASSWORD");
        boolean embedded = url.startsWith("jdbc:h2:");
        return new DriverManagerDataSource(url, user == null ? (embedded ? "sa" : "triage") : user,
                password == null ? (embedded ? "" : "triage") : password);
    }

    private static int usage(PrintStream err, String why) {
        err.println(why);
        err.println(HELP);
        return USAGE;
    }
}
