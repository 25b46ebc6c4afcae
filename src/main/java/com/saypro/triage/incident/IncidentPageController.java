package com.saypro.triage.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.saypro.triage.diagnosis.Diagnosis;
import com.saypro.triage.diagnosis.DiagnosisService;
import com.saypro.triage.diagnosis.IncidentFactsLoader;
import com.saypro.triage.knowledge.KbQuestion;
import com.saypro.triage.knowledge.KnowledgeBase;
import com.saypro.triage.rules.RuleBase;
import com.saypro.triage.support.Times;
import com.saypro.triage.timeline.IncidentEvents;
import com.saypro.triage.web.Ages;
import com.saypro.triage.web.ConflictException;
import com.saypro.triage.web.InvalidBodyException;
import com.saypro.triage.web.NotFoundException;
import com.saypro.triage.web.PageActions;

/** The incident page (the board is {@link BoardPageController}). */
@Controller
class IncidentPageController {

    static final String DETAIL = "incidents/detail";
    /**
     * An alert storm's incident lists its alerts a page at a time: a page of fifty keeps the
     * incident page quick to render and to read (the API pages up to 5,000).
     */
    static final int ALERTS_PER_PAGE = 50;
    /** And its timeline, newest first: a storm's alerts make a line each when they fire and resolve. */
    static final int RECORD_PER_PAGE = 100;

    private final IncidentRepository incidents;
    private final DiagnosisService diagnoses;
    private final IncidentFactsLoader facts;
    private final AnswerQuestion answerQuestion;
    private final KnowledgeBase knowledge;
    private final RuleBase ruleBase;
    private final IncidentLifecycle lifecycle;
    private final MergeAndSplit mergeAndSplit;
    private final IncidentEvents events;
    private final List<IncidentPagePart> parts;

    IncidentPageController(IncidentRepository incidents, DiagnosisService diagnoses, IncidentFactsLoader facts,
            AnswerQuestion answerQuestion, KnowledgeBase knowledge, RuleBase ruleBase, IncidentLifecycle lifecycle,
            IncidentEvents events, MergeAndSplit mergeAndSplit,
            ObjectProvider<IncidentPagePart> parts) {
        this.mergeAndSplit = mergeAndSplit;
        this.parts = parts.orderedStream().toList();
        this.lifecycle = lifecycle;
        this.events = events;
        this.incidents = incidents;
        this.diagnoses = diagnoses;
        this.facts = facts;
        this.answerQuestion = answerQuestion;
        this.knowledge = knowledge;
        this.ruleBase = ruleBase;
    }

    /** An answer already given, with its question, so the analyst can see and change it. */
    record AnsweredQuestion(String code, String text, String value, List<String> options, Instant answeredAt,
            String answeredBy) {
    }

    @GetMapping("/incidents/{id}")
    String incident(@PathVariable long id, @RequestParam(defaultValue = "0") int alertsFrom,
            @RequestParam(defaultValue = "0") int recordFrom, Model model) {
        IncidentSummary incident = find(id);
        Map<String, KbQuestion> questions = knowledge.questions();
        List<AnsweredQuestion> answered = incidents.answers(id).stream().map(a -> {
            KbQuestion q = questions.get(a.question());
            return new AnsweredQuestion(a.question(), q == null ? a.question() : q.text(), a.value(),
                    q == null ? List.of(a.value()) : q.options(), a.answeredAt(), a.answeredBy());
        }).toList();
        model.addAttribute("incident", incident);
        model.addAttribute("age", Ages.since(incident.openedAt(), Times.now()));
        int from = onAPage(alertsFrom, incident.alertCount(), ALERTS_PER_PAGE);
        model.addAttribute("alerts", incidents.alerts(id, from, ALERTS_PER_PAGE));
        model.addAttribute("alertsFrom", from);
        model.addAttribute("alertsPerPage", ALERTS_PER_PAGE);
        model.addAttribute("answered", answered);
        Diagnosis diagnosis = diagnoses.diagnosis(id);
        model.addAttribute("diagnosis", diagnosis);
        parts.forEach(p -> p.addTo(incident, diagnosis, model));
        model.addAttribute("causeTitles", knowledge.causes().values().stream()
                .collect(Collectors.toMap(c -> c.code(), c -> c.title())));
        model.addAttribute("causes", knowledge.causes().values().stream()
                .sorted(Comparator.comparing(c -> c.title())).toList());
        List<TimelineEntry> record = new ArrayList<>(TimelineEntry.of(events.of(id), facts.loadSignals(id)));
        Collections.reverse(record);
        int recordStart = onAPage(recordFrom, record.size(), RECORD_PER_PAGE);
        model.addAttribute("record", record.subList(recordStart, Math.min(record.size(), recordStart + RECORD_PER_PAGE)));
        model.addAttribute("recordFrom", recordStart);
        model.addAttribute("recordSize", record.size());
        model.addAttribute("recordPerPage", RECORD_PER_PAGE);
        model.addAttribute("ruleBaseVersion", ruleBase.current().version());
        return DETAIL;
    }

    /** Where a page of a list starts: {@code from}, or the last page when it lies past the end. */
    static int onAPage(int from, int size, int perPage) {
        if (from <= 0 || size == 0) {
            return 0;
        }
        return from < size ? from : (size - 1) / perPage * perPage;
    }

    @PostMapping("/incidents/{id}/answers")
    String answer(@PathVariable long id, @RequestParam String question, @RequestParam(required = false) String answer,
            RedirectAttributes redirect) {
        find(id);
        return attempt(id, redirect, () -> {
            answerQuestion.answer(id, question, answer);
            return "Answer recorded; the diagnosis was updated.";
        });
    }

    @PostMapping("/incidents/{id}/acknowledge")
    String acknowledge(@PathVariable long id, @RequestParam(required = false) String assignee,
            RedirectAttributes redirect) {
        find(id);
        return attempt(id, redirect, () -> "Assigned to " + lifecycle.acknowledge(id, assignee).assignee() + ".");
    }

    @PostMapping("/incidents/{id}/resolve")
    String resolve(@PathVariable long id, @RequestParam(required = false) String resolution,
            @RequestParam(required = false) String causeCode, @RequestParam(required = false) String fix,
            RedirectAttributes redirect) {
        find(id);
        return attempt(id, redirect, () -> {
            lifecycle.resolve(id, resolution, causeCode, fix);
            return "Incident resolved. It is watched for a recurrence; new alerts of this system open a new incident.";
        });
    }

    @PostMapping("/incidents/{id}/notes")
    String note(@PathVariable long id, @RequestParam(required = false) String text, RedirectAttributes redirect) {
        find(id);
        return attempt(id, redirect, () -> {
            lifecycle.note(id, text);
            return "Note added to the timeline.";
        });
    }

    @PostMapping("/incidents/{id}/merge")
    String merge(@PathVariable long id, @RequestParam(required = false) List<Long> incidents,
            RedirectAttributes redirect) {
        find(id);
        return attempt(id, redirect, () -> {
            mergeAndSplit.merge(id, incidents);
            return "Merged incident " + incidents + " into this one; the diagnosis is computed again.";
        });
    }

    @PostMapping("/incidents/{id}/split")
    String split(@PathVariable long id, @RequestParam(required = false) List<Long> alerts,
            RedirectAttributes redirect) {
        find(id);
        try {
            IncidentSummary created = mergeAndSplit.split(id, alerts);
            redirect.addFlashAttribute("notice", "Split " + alerts.size() + " alerts off into this new incident.");
            return "redirect:/incidents/" + created.id();
        } catch (InvalidBodyException | ConflictException | NotFoundException e) {
            redirect.addFlashAttribute("problem", PageActions.problem(e));
            return "redirect:/incidents/" + id;
        }
    }

    private static String attempt(long id, RedirectAttributes redirect, Supplier<String> action) {
        return PageActions.attempt(redirect, "redirect:/incidents/" + id, action);
    }

    private IncidentSummary find(long id) {
        return incidents.find(id).orElseThrow(() -> new NotFoundException("There is no incident " + id));
    }
}
