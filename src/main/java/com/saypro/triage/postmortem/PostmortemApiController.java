package com.saypro.triage.postmortem;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.saypro.triage.web.BadRequestException;
import com.saypro.triage.web.JsonBodies;

/** Post-mortems over JSON, and each as Markdown ({@code .md}). */
@RestController
@RequestMapping("/api/v1")
class PostmortemApiController {

    private static final String JSON = MediaType.APPLICATION_JSON_VALUE;
    static final String MARKDOWN = "text/markdown";

    private final PostmortemWorkflow workflow;
    private final PostmortemQueries queries;
    private final JsonBodies bodies;

    PostmortemApiController(PostmortemWorkflow workflow, PostmortemQueries queries, JsonBodies bodies) {
        this.workflow = workflow;
        this.queries = queries;
        this.bodies = bodies;
    }

    /** 201 with the drafted post-mortem; 409 when the incident is not resolved or already has one. */
    @PostMapping(path = "/incidents/{id}/postmortem", produces = JSON)
    ResponseEntity<Postmortem> create(@PathVariable long id) {
        Postmortem created = workflow.create(id);
        return ResponseEntity.created(URI.create("/api/v1/postmortems/" + created.id())).body(created);
    }

    /** The existing post-mortem, by id ({@code postmortemId}) and as {@code Location}. */
    @ExceptionHandler(PostmortemExists.class)
    ResponseEntity<ProblemDetail> exists(PostmortemExists e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setType(URI.create("urn:saypro:triage:problem:conflict"));
        problem.setTitle("Not in this state");
        problem.setProperty("postmortemId", e.postmortemId());
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .location(URI.create("/api/v1/postmortems/" + e.postmortemId())).body(problem);
    }

    /** {@code status}: draft, in_review or published (all when absent), newest first. */
    @GetMapping(path = "/postmortems", produces = JSON)
    List<Postmortem.Line> list(@RequestParam(required = false) String status,
            @RequestParam(defaultValue = "200") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new BadRequestException("limit", "must be between 1 and 1000");
        }
        return queries.list(status(status), limit);
    }

    @GetMapping(path = "/postmortems/{id}", produces = JSON)
    Postmortem postmortem(@PathVariable long id) {
        return workflow.get(id);
    }

    @GetMapping(path = "/postmortems/{id}.md", produces = MARKDOWN + ";charset=UTF-8")
    String markdown(@PathVariable long id) {
        return queries.markdown(id);
    }

    /** Changes the fields given (absent ones keep their value); 409 once published. */
    @PutMapping(path = "/postmortems/{id}", produces = JSON)
    Postmortem edit(@PathVariable long id, HttpServletRequest request) {
        PostmortemEdit.Edit edit = bodies.object(request, PostmortemEdit.Edit.class);
        return workflow.edit(id, edit);
    }

    @PostMapping(path = "/postmortems/{id}/actions", produces = JSON)
    ResponseEntity<Postmortem.Action> addAction(@PathVariable long id, HttpServletRequest request) {
        PostmortemEdit.NewAction action = bodies.object(request, PostmortemEdit.NewAction.class);
        Postmortem.Action added = workflow.addAction(id, action);
        return ResponseEntity.created(URI.create("/api/v1/postmortems/" + id + "/actions/" + added.id())).body(added);
    }

    /** {@code {"status": "done"}}, or a new text, owner or due date. */
    @PutMapping(path = "/postmortems/{id}/actions/{actionId}", produces = JSON)
    Postmortem.Action changeAction(@PathVariable long id, @PathVariable long actionId, HttpServletRequest request) {
        PostmortemEdit.ActionChange change = bodies.object(request, PostmortemEdit.ActionChange.class);
        return workflow.changeAction(id, actionId, change);
    }

    @PostMapping(path = "/postmortems/{id}/comments", produces = JSON)
    @ResponseStatus(HttpStatus.CREATED)
    Postmortem.Comment comment(@PathVariable long id, HttpServletRequest request) {
        PostmortemEdit.CommentText comment = bodies.object(request, PostmortemEdit.CommentText.class);
        return workflow.comment(id, comment.text());
    }

    @PostMapping(path = "/postmortems/{id}/submit", produces = JSON)
    Postmortem submit(@PathVariable long id) {
        return workflow.submit(id);
    }

    @PostMapping(path = "/postmortems/{id}/publish", produces = JSON)
    Postmortem publish(@PathVariable long id) {
        return workflow.publish(id);
    }

    /** Back to draft, with the reason as a comment: {@code {"text": "..."}}. */
    @PostMapping(path = "/postmortems/{id}/reopen", produces = JSON)
    Postmortem reopen(@PathVariable long id, HttpServletRequest request) {
        PostmortemEdit.SendBack body = bodies.object(request, PostmortemEdit.SendBack.class);
        return workflow.sendBack(id, body.text());
    }

    static String status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        String code = status.trim().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        if (!Postmortem.STATUSES.contains(code)) {
            throw new BadRequestException("status", "must be draft, in_review or published (was '" + status.trim()
                    + "')");
        }
        return code;
    }
}
