package com.saypro.triage.kbedit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.saypro.triage.kbedit.KnowledgeEdits.CauseEdit;
import com.saypro.triage.kbedit.KnowledgeEdits.PlaybookEdit;
import com.saypro.triage.kbedit.KnowledgeEdits.QuestionEdit;
import com.saypro.triage.kbedit.KnowledgeEdits.StepEdit;
import com.saypro.triage.knowledge.Cause;
import com.saypro.triage.knowledge.CauseCategory;
import com.saypro.triage.knowledge.KbQuestion;
import com.saypro.triage.knowledge.KnowledgeBase;
import com.saypro.triage.knowledge.Playbook;
import com.saypro.triage.knowledge.PlaybookVersions;
import com.saypro.triage.web.NotFoundException;
import com.saypro.triage.web.PageActions;

/**
 * The knowledge base's pages beyond {@code /kb}: a playbook with its versions (everyone), and
 * the forms engineers create and edit causes, playbooks and questions with. A refused form
 * comes back with what was typed and what was wrong.
 */
@Controller
class KnowledgeEditPageController {

    static final String CAUSE_FORM = "kb/cause-edit";
    static final String PLAYBOOK = "kb/playbook";
    static final String PLAYBOOK_FORM = "kb/playbook-edit";
    static final String QUESTION_FORM = "kb/question-edit";
    /** Blank step rows a playbook form offers for new steps. */
    static final int NEW_STEP_ROWS = 3;

    private final KnowledgeEditor editor;
    private final KnowledgeBase knowledge;
    private final PlaybookVersions versions;

    KnowledgeEditPageController(KnowledgeEditor editor, KnowledgeBase knowledge, PlaybookVersions versions) {
        this.editor = editor;
        this.knowledge = knowledge;
        this.versions = versions;
    }

    // Causes

    @GetMapping("/kb/causes/new")
    String newCause(Model model) {
        return causeForm(model, null, new CauseEdit("", "", "", "", List.of()));
    }

    @GetMapping("/kb/causes/{code}/edit")
    String editCause(@PathVariable String code, Model model) {
        Cause cause = knowledge.cause(code).orElseThrow(() -> new NotFoundException("There is no cause " + code));
        model.addAttribute("origin", cause.origin());
        model.addAttribute("whyStays", editor.whyCauseStays(cause).orElse(null));
        return causeForm(model, code, new CauseEdit(code, cause.title(), cause.category().name(),
                cause.description(), cause.playbooks()));
    }

    private String causeForm(Model model, String code, CauseEdit fromStore) {
        model.addAttribute("code", code);
        if (!model.containsAttribute("draft")) {
            model.addAttribute("draft", fromStore);
        }
        model.addAttribute("categories", CauseCategory.values());
        model.addAttribute("playbooks", knowledge.playbooks().values());
        return CAUSE_FORM;
    }

    @PostMapping("/kb/causes")
    String createCause(@RequestParam(required = false) String code, @RequestParam(required = false) String title,
            @RequestParam(required = false) String category, @RequestParam(required = false) String description,
            @RequestParam(required = false) String playbooks, RedirectAttributes redirect) {
        CauseEdit edit = new CauseEdit(code, title, category, description, codes(playbooks));
        return save(redirect, edit, "redirect:/kb/causes/new", () -> "redirect:/kb#cause-" + edit.code().strip(),
                () -> "Cause " + editor.createCause(edit).code() + " created.");
    }

    @PostMapping("/kb/causes/{code}")
    String updateCause(@PathVariable String code, @RequestParam(required = false) String title,
            @RequestParam(required = false) String category, @RequestParam(required = false) String description,
            @RequestParam(required = false) String playbooks, RedirectAttributes redirect) {
        CauseEdit edit = new CauseEdit(code, nonNull(title), nonNull(category), nonNull(description),
                codes(playbooks));
        return save(redirect, edit, "redirect:/kb/causes/" + code + "/edit", () -> "redirect:/kb#cause-" + code,
                () -> "Cause " + editor.updateCause(code, edit).code() + " saved.");
    }

    @PostMapping("/kb/causes/{code}/delete")
    String deleteCause(@PathVariable String code, RedirectAttributes redirect) {
        return save(redirect, null, "redirect:/kb/causes/" + code + "/edit", () -> "redirect:/kb",
                () -> "Cause " + editor.deleteCause(code).code() + " deleted.");
    }

    // Playbooks

    @GetMapping("/kb/playbooks/{code}")
    String playbook(@PathVariable String code, Model model) {
        Playbook playbook = knowledge.playbook(code)
                .orElseThrow(() -> new NotFoundException("There is no playbook " + code));
        model.addAttribute("playbook", playbook);
        model.addAttribute("versions", versions.of(code));
        model.addAttribute("causes", knowledge.causes().values().stream().filter(c -> c.playbooks().contains(code))
                .toList());
        model.addAttribute("questions", knowledge.questions());
        return PLAYBOOK;
    }

    @GetMapping("/kb/playbooks/new")
    String newPlaybook(Model model) {
        return playbookForm(model, null, new PlaybookEdit("", "", "low", "", List.of()));
    }

    @GetMapping("/kb/playbooks/{code}/edit")
    String editPlaybook(@PathVariable String code, Model model) {
        Playbook playbook = knowledge.playbook(code)
                .orElseThrow(() -> new NotFoundException("There is no playbook " + code));
        model.addAttribute("origin", playbook.origin());
        return playbookForm(model, code, new PlaybookEdit(code, playbook.title(), playbook.risk(), playbook.rollback(),
                playbook.steps().stream().map(s -> new StepEdit(s.kind().name().toLowerCase(), s.text(), s.answers()))
                        .toList()));
    }

    private String playbookForm(Model model, String code, PlaybookEdit fromStore) {
        model.addAttribute("code", code);
        if (!model.containsAttribute("draft")) {
            model.addAttribute("draft", fromStore);
        }
        PlaybookEdit draft = (PlaybookEdit) model.getAttribute("draft");
        List<StepEdit> rows = new ArrayList<>(draft.steps());
        for (int i = 0; i < NEW_STEP_ROWS; i++) {
            rows.add(new StepEdit("check", "", null));
        }
        model.addAttribute("rows", rows);
        model.addAttribute("risks", KnowledgeEditor.RISKS);
        model.addAttribute("questions", knowledge.questions().values());
        return PLAYBOOK_FORM;
    }

    @PostMapping("/kb/playbooks")
    String createPlaybook(@RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect) {
        PlaybookEdit edit = playbookEdit(form.getFirst("code"), form);
        return save(redirect, edit, "redirect:/kb/playbooks/new",
                () -> "redirect:/kb/playbooks/" + edit.code().strip(),
                () -> "Playbook " + editor.createPlaybook(edit).code() + " created, version 1.");
    }

    @PostMapping("/kb/playbooks/{code}")
    String updatePlaybook(@PathVariable String code, @RequestParam MultiValueMap<String, String> form,
            RedirectAttributes redirect) {
        PlaybookEdit edit = playbookEdit(code, form);
        return save(redirect, edit, "redirect:/kb/playbooks/" + code + "/edit",
                () -> "redirect:/kb/playbooks/" + code,
                () -> "Playbook " + editor.updatePlaybook(code, edit).code() + " saved as version "
                        + versions.latest(code) + ".");
    }

    /**
     * The form's step rows (position, kind, text, answers), ordered by their position numbers
     * (rows without a readable one after the rest, in the order shown); a row without text is
     * left out.
     */
    static PlaybookEdit playbookEdit(String code, MultiValueMap<String, String> form) {
        List<String> positions = form.getOrDefault("stepPosition", List.of());
        List<String> kinds = form.getOrDefault("stepKind", List.of());
        List<String> texts = form.getOrDefault("stepText", List.of());
        List<String> answers = form.getOrDefault("stepAnswers", List.of());
        record Row(double position, int shown, StepEdit step) {
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            if (text == null || text.isBlank()) {
                continue;
            }
            String given = i < positions.size() ? positions.get(i).strip() : "";
            double position;
            try {
                position = given.isEmpty() ? Double.MAX_VALUE : Double.parseDouble(given);
            } catch (NumberFormatException e) {
                position = Double.MAX_VALUE;
            }
            rows.add(new Row(position, i, new StepEdit(i < kinds.size() ? kinds.get(i) : null, text,
                    i < answers.size() ? answers.get(i) : null)));
        }
        rows.sort(Comparator.comparingDouble(Row::position).thenComparingInt(Row::shown));
        return new PlaybookEdit(code, nonNull(form.getFirst("title")), nonNull(form.getFirst("risk")),
                nonNull(form.getFirst("rollback")), rows.stream().map(Row::step).toList());
    }

    // Questions

    @GetMapping("/kb/questions/new")
    String newQuestion(Model model) {
        return questionForm(model, null, new QuestionEdit("", "", "", List.of("yes", "no")));
    }

    @GetMapping("/kb/questions/{code}/edit")
    String editQuestion(@PathVariable String code, Model model) {
        KbQuestion question = knowledge.question(code)
                .orElseThrow(() -> new NotFoundException("There is no question " + code));
        model.addAttribute("origin", question.origin());
        model.addAttribute("whyStays", editor.whyQuestionStays(question).orElse(null));
        return questionForm(model, code, new QuestionEdit(code, question.text(), question.help(), question.options()));
    }

    private String questionForm(Model model, String code, QuestionEdit fromStore) {
        model.addAttribute("code", code);
        if (!model.containsAttribute("draft")) {
            model.addAttribute("draft", fromStore);
        }
        List<String> options = ((QuestionEdit) model.getAttribute("draft")).options();
        model.addAttribute("optionsText", options == null ? "" : String.join("\n", options));
        return QUESTION_FORM;
    }

    @PostMapping("/kb/questions")
    String createQuestion(@RequestParam(required = false) String code, @RequestParam(required = false) String text,
            @RequestParam(required = false) String help, @RequestParam(required = false) String options,
            RedirectAttributes redirect) {
        QuestionEdit edit = new QuestionEdit(code, text, help, lines(options));
        return save(redirect, edit, "redirect:/kb/questions/new", () -> "redirect:/kb#question-" + edit.code().strip(),
                () -> "Question " + editor.createQuestion(edit).code() + " created.");
    }

    @PostMapping("/kb/questions/{code}")
    String updateQuestion(@PathVariable String code, @RequestParam(required = false) String text,
            @RequestParam(required = false) String help, @RequestParam(required = false) String options,
            RedirectAttributes redirect) {
        QuestionEdit edit = new QuestionEdit(code, nonNull(text), nonNull(help), lines(options));
        return save(redirect, edit, "redirect:/kb/questions/" + code + "/edit",
                () -> "redirect:/kb#question-" + code,
                () -> "Question " + editor.updateQuestion(code, edit).code() + " saved.");
    }

    @PostMapping("/kb/questions/{code}/delete")
    String deleteQuestion(@PathVariable String code, RedirectAttributes redirect) {
        return save(redirect, null, "redirect:/kb/questions/" + code + "/edit", () -> "redirect:/kb",
                () -> "Question " + editor.deleteQuestion(code).code() + " deleted.");
    }

    /**
     * Does the action: done, to {@code done}; refused, back to the form with the problem and
     * what was typed ({@code draft}).
     */
    private static String save(RedirectAttributes redirect, Object draft, String form, Supplier<String> done,
            Supplier<String> action) {
        String to = PageActions.attempt(redirect, form, action);
        if (redirect.getFlashAttributes().containsKey("notice")) {
            return done.get();
        }
        if (draft != null) {
            redirect.addFlashAttribute("draft", draft);
        }
        return to;
    }

    /** Codes separated by commas, spaces or lines, in the order written. */
    private static List<String> codes(String text) {
        return text == null ? null : Arrays.stream(text.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
    }

    /** One answer per line. */
    private static List<String> lines(String text) {
        return text == null ? null : text.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** A form field left out counts as emptied (a JSON field left out keeps its value). */
    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
