package com.saypro.triage.postmortem;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.saypro.triage.audit.Actor;
import com.saypro.triage.audit.AuditLog;
import com.saypro.triage.incident.IncidentRepository;
import com.saypro.triage.incident.IncidentStatus;
import com.saypro.triage.incident.IncidentSummary;
import com.saypro.triage.incident.TimelineEntry;
import com.saypro.triage.knowledge.KnowledgeBase;
import com.saypro.triage.search.SearchIndex;
import com.saypro.triage.support.Times;
import com.saypro.triage.timeline.IncidentEvent;
import com.saypro.triage.timeline.IncidentEvents;
import com.saypro.triage.web.ConflictException;
import com.saypro.triage.web.InvalidBodyException;
import com.saypro.triage.web.NotFoundException;

/**
 * A post-mortem's life: drafted from a resolved incident (verifying or closed; one per
 * incident), edited while draft or in review, submitted for review, commented on, published
 * by a reviewer, or sent back to draft with a comment. Action items are added and moved to
 * done or cancelled at any time, also after publication. Drafting and publishing land on the
 * incident's timeline; every change is in the audit log. Who may do what is the security
 * configuration's business.
 */
@Service
public class PostmortemWorkflow {

    private final Postmortems postmortems;
    private final PostmortemDraft drafts;
    private final IncidentRepository incidents;
    private final IncidentEvents timeline;
    private final KnowledgeBase knowledge;
    private final AuditLog audit;
    private final SearchIndex search;

    PostmortemWorkflow(Postmortems postmortems, PostmortemDraft drafts, IncidentRepository incidents,
            IncidentEvents timeline, KnowledgeBase knowledge, AuditLog audit, SearchIndex search) {
        this.search = search;
        this.postmortems = postmortems;
        this.drafts = drafts;
        this.incidents = incidents;
        this.timeline = timeline;
        this.knowledge = knowledge;
        this.audit = audit;
    }

    /** Drafts the incident's post-mortem: 409 when it is not resolved or already has one. */
    @Transactional
    public Postmortem create(long incidentId) {
        if (!incidents.lock(incidentId)) {
            throw new NotFoundException("There is no incident " + incidentId);
        }
        IncidentSummary incident = incidents.get(incidentId);
        postmortems.idOfIncident(incidentId).ifPresent(existing -> {
            throw new PostmortemExists(incidentId, existing);
        });
        IncidentStatus status = IncidentStatus.of(incident.status());
        if (status != IncidentStatus.VERIFYING && status != IncidentStatus.CLOSED) {
            throw new ConflictException("Incident " + incidentId + " is " + incident.status()
                    + "; a post-mortem is written once it is resolved (verifying or closed)");
        }
        if (incident.mergedInto() != null) {
            throw new ConflictException("Incident " + incidentId + " was merged into incident "
                    + incident.mergedInto() + "; write the post-mortem of that one");
        }
        Instant now = Times.now();
        long id = postmortems.insert(drafts.of(incident), Actor.current(), now);
        timeline.record(incidentId, IncidentEvent.POSTMORTEM, "post-mortem drafted", Map.of("postmortem", id));
        Postmortem created = get(id);
        audit.record("postmortem.drafted", "postmortem", String.valueOf(id), "drafted the post-mortem of incident "
                + incidentId, null, state(created));
        index(created);
        return created;
    }

    /**
     * Keeps the post-mortem findable by the knowledge search: its title, summary, impact, root
     * cause, fix, what went well and wrong, and its action items.
     */
    private Postmortem index(Postmortem p) {
        StringBuilder body = new StringBuilder();
        for (String part : new String[] { p.summary(), p.impact() == null ? null : p.impact().description(),
            p.rootCauseCode(), p.rootCause(), p.fix(), p.wentWell(), p.wentWrong() }) {
            if (part != null && !part.isBlank()) {
                body.append(part.strip()).append('\n');
            }
        }
        p.actions().forEach(a -> body.append("Action: ").append(a.text()).append('\n'));
        List<String> systems = p.impact() == null || p.impact().systems() == null ? List.of() : p.impact().systems();
        search.put("postmortem", Long.toString(p.id()), "Post-mortem: " + p.title() + " (" + p.status().replace('_', ' ')
                + ")", body.toString(), systems.isEmpty() ? null : systems.get(0));
        return p;
    }

    public Postmortem get(long id) {
        return postmortems.find(id).orElseThrow(() -> new NotFoundException("There is no post-mortem " + id));
    }

    /** Changes the fields given; 409 once published (send it back to draft first). */
    @Transactional
    public Postmortem edit(long id, PostmortemEdit.Edit edit) {
        Postmortem before = lock(id);
        if (!before.editable()) {
            throw new ConflictException("Post-mortem " + id + " is published; send it back to draft to change it");
        }
        if (edit.title() != null && edit.title().isBlank()) {
            throw new InvalidBodyException("title", "must not be blank");
        }
        String causeCode = edit.rootCauseCode() == null ? before.rootCauseCode()
                : edit.rootCauseCode().isBlank() ? null : edit.rootCauseCode().trim();
        if (causeCode != null && !causeCode.equals(before.rootCauseCode()) && knowledge.cause(causeCode).isEmpty()) {
            throw new InvalidBodyException("rootCauseCode",
                    "there is no cause '" + causeCode + "' in the knowledge base");
        }
        Postmortem.Impact impact = impact(before.impact(), edit.impact());
        if (impact.startedAt() == null) {
            throw new InvalidBodyException("impact.startedAt", "is required");
        }
        if (impact.endedAt() != null && impact.endedAt().isBefore(impact.startedAt())) {
            throw new InvalidBodyException("impact.endedAt", "must not be before impact.startedAt");
        }
        List<TimelineEntry> lines = edit.timeline() == null ? before.timeline() : edit.timeline().stream()
                .map(l -> new TimelineEntry(l.at(), l.kind().trim(), l.summary().strip(),
                        l.actor() == null || l.actor().isBlank() ? Actor.SYSTEM : l.actor().trim()))
                .sorted(Comparator.comparing(TimelineEntry::at)).toList();
        postmortems.updateText(id, new Postmortems.Text(
                edit.title() == null ? before.title() : edit.title().strip(),
                text(before.summary(), edit.summary()), impact, causeCode, text(before.rootCause(), edit.rootCause()),
                text(before.fix(), edit.fix()), text(before.wentWell(), edit.wentWell()),
                text(before.wentWrong(), edit.wentWrong()), lines), Times.now());
        Postmortem after = get(id);
        audit.record("postmortem.edited", "postmortem", String.valueOf(id), "edited the post-mortem", state(before),
                state(after));
        index(after);
        return after;
    }

    @Transactional
    public Postmortem.Action addAction(long id, PostmortemEdit.NewAction action) {
        lock(id);
        Instant now = Times.now();
        long actionId = postmortems.addAction(id, action.text().strip(), action.owner().trim(), action.dueDate(),
                Actor.current(), now);
        postmortems.touch(id, now);
        Postmortem.Action added = postmortems.action(id, actionId).orElseThrow();
        audit.record("postmortem.action-added", "postmortem", String.valueOf(id), "action item " + added.position()
                + " for " + added.owner(), null, action(added));
        index(get(id));
        return added;
    }

    /** Changes an action item's text, owner, due date or status (open, done, cancelled), also after publication. */
    @Transactional
    public Postmortem.Action changeAction(long id, long actionId, PostmortemEdit.ActionChange change) {
        lock(id);
        Postmortem.Action before = postmortems.action(id, actionId)
                .orElseThrow(() -> new NotFoundException("Post-mortem " + id + " has no action item " + actionId));
        String status = change.status() == null ? before.status() : change.status();
        Instant doneAt = status.equals(before.status()) ? before.doneAt()
                : status.equals("done") ? Times.now() : null;
        postmortems.updateAction(actionId, change.text() == null ? before.text() : change.text().strip(),
                change.owner() == null ? before.owner() : change.owner().trim(),
                change.dueDate() == null ? before.dueDate() : change.dueDate(), status, doneAt);
        postmortems.touch(id, Times.now());
        Postmortem.Action after = postmortems.action(id, actionId).orElseThrow();
        audit.record("postmortem.action-changed", "postmortem", String.valueOf(id), "action item " + after.position()
                + ": " + after.status(), action(before), action(after));
        return after;
    }

    /** The author hands the draft to the reviewers. */
    @Transactional
    public Postmortem submit(long id) {
        return index(move(id, Postmortem.DRAFT, Postmortem.IN_REVIEW, "submitted for review", null));
    }

    /** A reviewer publishes what was reviewed; it lands on the incident's timeline. */
    @Transactional
    public Postmortem publish(long id) {
        Postmortem published = move(id, Postmortem.IN_REVIEW, Postmortem.PUBLISHED, "published", null);
        timeline.record(published.incidentId(), IncidentEvent.POSTMORTEM, "post-mortem published",
                Map.of("postmortem", id));
        index(published);
        return published;
    }

    /** A reviewer sends it back to draft (from review, or to correct it after publication) with the reason. */
    @Transactional
    public Postmortem sendBack(long id, String reason) {
        return index(move(id, null, Postmortem.DRAFT, "sent back to draft", reason.strip()));
    }

    @Transactional
    public Postmortem.Comment comment(long id, String text) {
        lock(id);
        Instant now = Times.now();
        long commentId = postmortems.addComment(id, Actor.current(), "comment", text.strip(), now);
        audit.record("postmortem.commented", "postmortem", String.valueOf(id), "commented", null,
                Map.of("comment", commentId));
        return postmortems.comments(id).stream().filter(c -> c.id() == commentId).findFirst().orElseThrow();
    }

    /** From {@code from} (null: any but {@code to}) to {@code to}; 409 otherwise. */
    private Postmortem move(long id, String from, String to, String what, String reason) {
        Postmortem before = lock(id);
        if (from != null ? !before.status().equals(from) : before.status().equals(to)) {
            throw new ConflictException("Post-mortem " + id + " is " + words(before.status()) + "; it cannot be "
                    + what + (from == null ? "" : " (only a post-mortem " + words(from) + " can)"));
        }
        Instant now = Times.now();
        postmortems.setStatus(id, to, Actor.current(), now);
        if (reason != null) {
            postmortems.addComment(id, Actor.current(), "sent-back", reason, now);
        }
        Postmortem after = get(id);
        audit.record("postmortem." + switch (to) {
            case Postmortem.IN_REVIEW -> "submitted";
            case Postmortem.PUBLISHED -> "published";
            default -> "sent-back";
        }, "postmortem", String.valueOf(id), what, state(before), state(after));
        return after;
    }

    private Postmortem lock(long id) {
        if (!postmortems.lock(id)) {
            throw new NotFoundException("There is no post-mortem " + id);
        }
        return get(id);
    }

    private static Postmortem.Impact impact(Postmortem.Impact before, PostmortemEdit.ImpactEdit edit) {
        if (edit == null) {
            return before;
        }
        return new Postmortem.Impact(edit.startedAt() == null ? before.startedAt() : edit.startedAt(),
                edit.endedAt() == null ? before.endedAt() : edit.endedAt(),
                edit.systems() == null ? before.systems()
                        : edit.systems().stream().map(String::trim).distinct().toList(),
                edit.affectedUsers() == null ? before.affectedUsers() : edit.affectedUsers(),
                text(before.description(), edit.description()));
    }

    /** Null keeps the old text; blank clears it. */
    private static String text(String before, String edit) {
        if (edit == null) {
            return before;
        }
        return edit.isBlank() ? null : edit.strip();
    }

    static String words(String status) {
        return status.replace('_', ' ');
    }

    private static Map<String, Object> state(Postmortem p) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("status", p.status());
        state.put("title", p.title());
        state.put("rootCauseCode", p.rootCauseCode() == null ? "" : p.rootCauseCode());
        state.put("timelineEntries", p.timeline().size());
        state.put("updatedAt", String.valueOf(p.updatedAt()));
        return state;
    }

    private static Map<String, Object> action(Postmortem.Action a) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("text", a.text());
        state.put("owner", a.owner());
        state.put("dueDate", a.dueDate() == null ? "" : a.dueDate().toString());
        state.put("status", a.status());
        return state;
    }
}
