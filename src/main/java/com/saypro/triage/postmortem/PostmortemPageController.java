package com.saypro.triage.postmortem;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.saypro.triage.incident.IncidentRepository;
import com.saypro.triage.knowledge.KnowledgeBase;
import com.saypro.triage.web.BadRequestException;
import com.saypro.triage.web.ConflictException;
import com.saypro.triage.web.InvalidBodyException;
import com.saypro.triage.web.JsonBodies;

/**
 * {@code /postmortems}: the incidents that owe a post-mortem, the post-mortems by status and
 * the open action items (overdue first); {@code /postmortems/{id}}: one post-mortem, its edit
 * form while not published, the review actions and the comments.
 */
@Controller
class PostmortemPageController {

    static final String LIST = "postmortems/list";
    static final String DETAIL = "postmortems/detail";

    private final PostmortemWorkflow workflow;
    private final PostmortemQueries queries;
    private final IncidentRepository incidents;
    private final KnowledgeBase knowledge;
    private final JsonBodies bodies;

    PostmortemPageController(PostmortemWorkflow workflow, PostmortemQueries queries, IncidentRepository incidents,
            KnowledgeBase knowledge, JsonBodies bodies) {
        this.workflow = workflow;
        this.queries = queries;
        this.incidents = incidents;
        this.knowledge = knowledge;
        this.bodies = bodies;
    }

    @GetMapping("/postmortems")
    String list(@RequestParam(required = false) String status, Model model) {
        String code;
        try {
            code = PostmortemApiController.status(status);
        } catch (BadRequestException e) {
            code = null;
            model.addAttribute("problem", e.getMessage());
        }
        model.addAttribute("status", code);
        model.addAttribute("owed", queries.owed(100));
        model.addAttribute("postmortems", queries.list(code, 200));
        model.addAttribute("actions", queries.openActions(200));
        return LIST;
    }

    @GetMapping("/postmortems/{id}")
    String postmortem(@PathVariable long id, Model model) {
        Postmortem postmortem = workflow.get(id);
        model.addAttribute("pm", postmortem);
        model.addAttribute("incident", incidents.find(postmortem.incidentId()).orElse(null));
        model.addAttribute("causes", knowledge.causes().values().stream()
                .sorted(Comparator.comparing(c -> c.title())).toList());
        model.addAttribute("causeTitles", knowledge.causes());
        return DETAIL;
    }

    @PostMapping("/incidents/{id}/postmortem")
    String create(@PathVariable long id, RedirectAttributes redirect) {
        try {
            Postmortem created = workflow.create(id);
            redirect.addFlashAttribute("notice", "Post-mortem drafted from the incident's record: check each part,"
                    + " add the action items, then submit it for review.");
            return "redirect:/postmortems/" + created.id();
        } catch (PostmortemExists e) {
            return "redirect:/postmortems/" + e.postmortemId();
        } catch (ConflictException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
            return "redirect:/incidents/" + id;
        }
    }

    /**
     * The edit form: every text field, the impact ({@code startedAt}/{@code endedAt} as UTC
     * date-times, {@code systems} comma-separated), timeline lines to leave out ({@code omit},
     * their positions) and one line to add ({@code newAt}, {@code newSummary}).
     */
    @PostMapping("/postmortems/{id}")
    String edit(@PathVariable long id, @RequestParam(required = false) String title,
            @RequestParam(required = false) String summary, @RequestParam(required = false) String startedAt,
            @RequestParam(required = false) String endedAt, @RequestParam(required = false) String systems,
            @RequestParam(required = false) String affectedUsers, @RequestParam(required = false) String impact,
            @RequestParam(required = false) String rootCauseCode, @RequestParam(required = false) String rootCause,
            @RequestParam(required = false) String fix, @RequestParam(required = false) String wentWell,
            @RequestParam(required = false) String wentWrong, @RequestParam(required = false) Set<Integer> omit,
            @RequestParam(required = false) String newAt, @RequestParam(required = false) String newSummary,
            RedirectAttributes redirect) {
        return attempt(id, redirect, () -> {
            Postmortem before = workflow.get(id);
            List<PostmortemEdit.Line> lines = new ArrayList<>();
            for (int i = 0; i < before.timeline().size(); i++) {
                if (omit == null || !omit.contains(i)) {
                    var e = before.timeline().get(i);
                    lines.add(new PostmortemEdit.Line(e.at(), e.kind(), e.summary(), e.actor()));
                }
            }
            if (newSummary != null && !newSummary.isBlank()) {
                lines.add(new PostmortemEdit.Line(instant("newAt", newAt), "note", newSummary, null));
            }
            PostmortemEdit.Edit edit = new PostmortemEdit.Edit(title, summary, new PostmortemEdit.ImpactEdit(
                    instant("startedAt", startedAt), blank(endedAt) ? null : instant("endedAt", endedAt),
                    systems == null ? null : Arrays.stream(systems.split(",")).map(String::trim)
                            .filter(s -> !s.isEmpty()).toList(),
                    number("affectedUsers", affectedUsers), impact), rootCauseCode, rootCause, fix, wentWell, wentWrong,
                    lines);
            workflow.edit(id, bodies.checked(edit));
            return "Post-mortem saved.";
        });
    }

    @PostMapping("/postmortems/{id}/actions")
    String addAction(@PathVariable long id, @RequestParam(required = false) String text,
            @RequestParam(required = false) String owner, @RequestParam(required = false) String dueDate,
            RedirectAttributes redirect) {
        return attempt(id, redirect, () -> {
            workflow.addAction(id, bodies.checked(new PostmortemEdit.NewAction(text, owner, date(dueDate))));
            return "Action item added.";
        });
    }

    @PostMapping("/postmortems/{id}/actions/{actionId}")
    String changeAction(@PathVariable long id, @PathVariable long actionId,
            @RequestParam(required = false) String status, RedirectAttributes redirect) {
        return attempt(id, redirect, () -> {
            Postmortem.Action changed = workflow.changeAction(id, actionId,
                    bodies.checked(new PostmortemEdit.ActionChange(null, null, null, status)));
            return "Action item " + changed.position() + " is " + changed.status() + ".";
        });
    }

    @PostMapping("/postmortems/{id}/comments")
    String comment(@PathVariable long id, @RequestParam(required = false) String text, RedirectAttributes redirect) {
        return attempt(id, redirect, () -> {
            workflow.comment(id, bodies.checked(new PostmortemEdit.CommentText(text)).text());
            return "Comment added.";
        });
    }

    @PostMapping("/postmortems/{id}/submit")
    String submit(@PathVariable long id, RedirectAttributes redirect) {
        return attempt(id, redirect, () -> {
            workflow.submit(id);
            return "Submitted for review.";
        });
    }

    @PostMapping("/postmortems/{id}/publish")
    String publish(@PathVariable long id, RedirectAttributes redirect) {
        return attempt(id, redirect, () -> {
            workflow.publish(id);
            return "Published.";
        });
    }

    @PostMapping("/postmortems/{id}/reopen")
    String reopen(@PathVariable long id, @RequestParam(required = false) String text, RedirectAttributes redirect) {
        return attempt(id, redirect, () -> {
            workflow.sendBack(id, bodies.checked(new PostmortemEdit.SendBack(text)).text());
            return "Sent back to draft.";
        });
    }

    private interface Action {
        String run();
    }

    private String attempt(long id, RedirectAttributes redirect, Action action) {
        workflow.get(id);
        try {
            redirect.addFlashAttribute("notice", action.run());
        } catch (InvalidBodyException e) {
            redirect.addFlashAttribute("problem", e.describe());
        } catch (ConflictException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/postmortems/" + id;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    /** A form's date-time (UTC, as {@code <input type="datetime-local">} sends it); null when blank. */
    private static Instant instant(String field, String text) {
        if (blank(text)) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.trim()).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new InvalidBodyException(field, "must be a date and time (was '" + text.trim() + "')");
        }
    }

    private static LocalDate date(String text) {
        if (blank(text)) {
            return null;
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidBodyException("dueDate", "must be a date (was '" + text.trim() + "')");
        }
    }

    private static Integer number(String field, String text) {
        if (blank(text)) {
            return null;
        }
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidBodyException(field, "must be a whole number (was '" + text.trim() + "')");
        }
    }
}
