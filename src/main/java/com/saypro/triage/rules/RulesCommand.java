package com.saypro.triage.rules;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * The rule checks from a shell, for a team's own CI: {@code java -jar triage.jar rules
 * validate <dir> [--json]} guards and compiles a rule directory as Triage would load it,
 * without starting the web server or opening a database. Exit codes: {@value #OK} ok,
 * {@value #PROBLEMS} problems, {@value #USAGE} usage.
 */
public final class RulesCommand {

    public static final int OK = 0;
    public static final int PROBLEMS = 1;
    public static final int USAGE = 2;

    private static final String HELP = """
            usage: java -jar triage.jar rules validate <dir> [--json]
              guards and compiles the rule files under <dir> (thresholds/ on their own)
              exit 0 ok, 1 problems, 2 usage""";

    private RulesCommand() {
    }

    /** Whether these command-line arguments ask for a rule command rather than the server. */
    public static boolean handles(String[] args) {
        return args.length > 0 && args[0].equals("rules");
    }

    /** Runs {@code rules ...} (args include the word "rules") and returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> words = new ArrayList<>(List.of(args));
        boolean json = words.remove("--json");
        if (words.size() < 2 || !words.get(0).equals("rules")) {
            return usage(err, "no rule command given");
        }
        String command = words.get(1);
        if (command.equals("test")) {
            return usage(err, "rules test (the regression suite) is not available yet");
        }
        if (!command.equals("validate")) {
            return usage(err, "unknown rule command: " + command);
        }
        if (words.size() != 3) {
            return usage(err, "rules validate takes one directory");
        }
        Path dir = Path.of(words.get(2));
        if (!Files.isDirectory(dir)) {
            return usage(err, "not a directory: " + dir);
        }
        List<RuleSource> sources = new ArrayList<>(RuleFiles.fromDirectory(dir));
        sources.addAll(RuleFiles.streamFromDirectory(dir));
        List<RuleProblem> problems = RuleValidation.problems(dir.toString(), sources);
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("ok", problems.isEmpty());
            result.put("files", sources.size());
            result.put("problems", problems);
            out.println(JsonMapper.builder().build().writeValueAsString(result));
        } else if (problems.isEmpty()) {
            out.println("ok: " + sources.size() + " rule files in " + dir + " pass the guard and compile");
        } else {
            problems.forEach(out::println);
            out.println(problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + " in " + dir);
        }
        return problems.isEmpty() ? OK : PROBLEMS;
    }

    private static int usage(PrintStream err, String why) {
        err.println(why);
        err.println(HELP);
        return USAGE;
    }
}
