package com.saypro.triage.kbedit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.saypro.triage.knowledge.KbSystem;
import com.saypro.triage.knowledge.Systems;
import com.saypro.triage.web.FieldError;
import com.saypro.triage.web.InvalidBodyException;
import com.saypro.triage.web.NotFoundException;
import com.saypro.triage.web.PageActions;

/**
 * {@code /kb/systems/{code}/edit} (engineers): a system's name, aliases (one per line), priors
 * (one per line: the cause code and its base rate) and windows (minutes; empty or 0 for the
 * defaults). Its components and workflows are shown as the seed describes them.
 */
@Controller
class SystemEditPageController {

    private final Systems systems;
    private final SystemEditor editor;

    SystemEditPageController(Systems systems, SystemEditor editor) {
        this.systems = systems;
        this.editor = editor;
    }

    @GetMapping("/kb/systems/{code}/edit")
    String edit(@PathVariable String code, Model model) {
        KbSystem system = systems.system(code).orElseThrow(() -> new NotFoundException("There is no system " + code));
        model.addAttribute("system", system);
        if (!model.containsAttribute("aliasesText")) {
            model.addAttribute("name", system.name());
            model.addAttribute("aliasesText", String.join("\n", system.aliases()));
            model.addAttribute("priorsText", system.priors().entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining("\n")));
            model.addAttribute("verify", system.windows().verify() == null ? "" : system.windows().verify().toMinutes());
            model.addAttribute("correlation",
                    system.windows().correlation() == null ? "" : system.windows().correlation().toMinutes());
        }
        return "kb/system-edit";
    }

    @PostMapping("/kb/systems/{code}")
    String update(@PathVariable String code, @RequestParam(required = false) String name,
            @RequestParam(required = false) String aliases, @RequestParam(required = false) String priors,
            @RequestParam(required = false) String verify, @RequestParam(required = false) String correlation,
            RedirectAttributes redirect) {
        String to = PageActions.attempt(redirect, "redirect:/kb/systems/" + code + "/edit", () -> {
            List<FieldError> errors = new ArrayList<>();
            SystemEditor.SystemEdit edit = new SystemEditor.SystemEdit(name == null ? "" : name, lines(aliases),
                    priors(priors, errors), minutes("verifyWindowMinutes", verify, errors),
                    minutes("correlationWindowMinutes", correlation, errors));
            if (!errors.isEmpty()) {
                throw new InvalidBodyException(errors);
            }
            return "System " + editor.update(code, edit).code() + " saved.";
        });
        if (redirect.getFlashAttributes().containsKey("notice")) {
            return "redirect:/kb#system-" + code;
        }
        redirect.addFlashAttribute("name", name);
        redirect.addFlashAttribute("aliasesText", aliases);
        redirect.addFlashAttribute("priorsText", priors);
        redirect.addFlashAttribute("verify", verify);
        redirect.addFlashAttribute("correlation", correlation);
        return to;
    }

    private static List<String> lines(String text) {
        return text == null ? List.of() : text.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** "CAUSE_CODE 0.1" per line (a colon or equals sign between works too). */
    private static Map<String, Double> priors(String text, List<FieldError> errors) {
        Map<String, Double> priors = new LinkedHashMap<>();
        for (String line : lines(text)) {
            String[] parts = line.split("[\\s:=]+");
            try {
                if (parts.length != 2) {
                    throw new NumberFormatException();
                }
                priors.put(parts[0], Double.valueOf(parts[1]));
            } catch (NumberFormatException e) {
                errors.add(new FieldError("priors", "'" + line + "' is not a cause code and a number (DISK_FULL 0.1)"));
            }
        }
        return priors;
    }

    private static Integer minutes(String field, String text, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            errors.add(new FieldError(field, "must be a whole number of minutes"));
            return null;
        }
    }
}
