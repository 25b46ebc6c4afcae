package com.saypro.triage.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import com.saypro.triage.web.NotFoundException;

/**
 * Shows the DRL file a rule lives in, with the rule marked, so that anyone reading the
 * evidence of a diagnosis can see exactly what the rule checks.
 */
@Controller
class RuleSourceController {

    static final String SOURCE = "rules/source";

    private final RuleBase ruleBase;

    RuleSourceController(RuleBase ruleBase) {
        this.ruleBase = ruleBase;
    }

    /** One line of the file; {@code inRule} for the lines of the rule asked for. */
    record Line(int number, String text, boolean inRule) {
    }

    @GetMapping("/rules/source")
    String source(@RequestParam String rule, Model model) {
        CompiledRuleBase current = ruleBase.current();
        Pattern header = Pattern.compile("^\\s*rule\\s+\"" + Pattern.quote(rule) + "\"");
        for (RuleSource source : current.sources()) {
            String[] lines = source.content().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (header.matcher(lines[i]).find()) {
                    model.addAttribute("rule", rule);
                    model.addAttribute("path", source.path());
                    model.addAttribute("firstLine", i + 1);
                    model.addAttribute("lines", lines(lines, i));
                    model.addAttribute("ruleBaseVersion", current.version());
                    return SOURCE;
                }
            }
        }
        throw new NotFoundException("No rule named \"" + rule + "\" in the rule base in use");
    }

    private static List<Line> lines(String[] lines, int start) {
        int end = start;
        while (end < lines.length && !lines[end].trim().equals("end")) {
            end++;
        }
        List<Line> result = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            result.add(new Line(i + 1, lines[i], i >= start && i <= end));
        }
        return result;
    }
}
