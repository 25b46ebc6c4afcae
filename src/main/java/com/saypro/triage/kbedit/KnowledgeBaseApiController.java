package com.saypro.triage.kbedit;

import java.net.URI;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.saypro.triage.kbedit.KnowledgeEdits.CauseEdit;
import com.saypro.triage.kbedit.KnowledgeEdits.PlaybookEdit;
import com.saypro.triage.kbedit.KnowledgeEdits.QuestionEdit;
import com.saypro.triage.knowledge.Cause;
import com.saypro.triage.knowledge.KbQuestion;
import com.saypro.triage.knowledge.KbSystem;
import com.saypro.triage.knowledge.KnowledgeBase;
import com.saypro.triage.knowledge.Playbook;
import com.saypro.triage.knowledge.PlaybookVersions;
import com.saypro.triage.web.JsonBodies;
import com.saypro.triage.web.NotFoundException;

/**
 * The knowledge base over JSON: everyone reads causes, playbooks (with their versions) and
 * questions; engineers create ({@code POST}), edit ({@code PUT}) and delete what may be deleted.
 */
@RestController
@RequestMapping(path = "/api/v1/kb", produces = MediaType.APPLICATION_JSON_VALUE)
class KnowledgeBaseApiController {

    private final KnowledgeEditor editor;
    private final KnowledgeBase knowledge;
    private final PlaybookVersions versions;
    private final JsonBodies bodies;
    private final SystemEditor systemEditor;

    KnowledgeBaseApiController(KnowledgeEditor editor, KnowledgeBase knowledge, PlaybookVersions versions,
            JsonBodies bodies, SystemEditor systemEditor) {
        this.systemEditor = systemEditor;
        this.editor = editor;
        this.knowledge = knowledge;
        this.versions = versions;
        this.bodies = bodies;
    }

    @GetMapping("/causes/{code}")
    Cause cause(@PathVariable String code) {
        return knowledge.cause(code).orElseThrow(() -> new NotFoundException("There is no cause " + code));
    }

    @PostMapping("/causes")
    ResponseEntity<Cause> createCause(HttpServletRequest request) {
        Cause cause = editor.createCause(bodies.object(request, CauseEdit.class));
        return ResponseEntity.created(URI.create("/api/v1/kb/causes/" + cause.code())).body(cause);
    }

    @PutMapping("/causes/{code}")
    Cause updateCause(@PathVariable String code, HttpServletRequest request) {
        return editor.updateCause(code, bodies.object(request, CauseEdit.class));
    }

    @DeleteMapping("/causes/{code}")
    Cause deleteCause(@PathVariable String code) {
        return editor.deleteCause(code);
    }

    @GetMapping("/playbooks/{code}")
    Playbook playbook(@PathVariable String code) {
        return knowledge.playbook(code).orElseThrow(() -> new NotFoundException("There is no playbook " + code));
    }

    @PostMapping("/playbooks")
    ResponseEntity<Playbook> createPlaybook(HttpServletRequest request) {
        Playbook playbook = editor.createPlaybook(bodies.object(request, PlaybookEdit.class));
        return ResponseEntity.created(URI.create("/api/v1/kb/playbooks/" + playbook.code())).body(playbook);
    }

    @PutMapping("/playbooks/{code}")
    Playbook updatePlaybook(@PathVariable String code, HttpServletRequest request) {
        return editor.updatePlaybook(code, bodies.object(request, PlaybookEdit.class));
    }

    /** Newest first; none for a playbook never edited in Triage. */
    @GetMapping("/playbooks/{code}/versions")
    List<PlaybookVersions.Version> playbookVersions(@PathVariable String code) {
        playbook(code);
        return versions.of(code);
    }

    @GetMapping("/playbooks/{code}/versions/{version}")
    PlaybookVersions.Version playbookVersion(@PathVariable String code, @PathVariable int version) {
        return versions.find(code, version).orElseThrow(() -> new NotFoundException(
                "The playbook " + code + " has no version " + version));
    }

    @GetMapping("/questions/{code}")
    KbQuestion question(@PathVariable String code) {
        return knowledge.question(code).orElseThrow(() -> new NotFoundException("There is no question " + code));
    }

    @PostMapping("/questions")
    ResponseEntity<KbQuestion> createQuestion(HttpServletRequest request) {
        KbQuestion question = editor.createQuestion(bodies.object(request, QuestionEdit.class));
        return ResponseEntity.created(URI.create("/api/v1/kb/questions/" + question.code())).body(question);
    }

    @PutMapping("/questions/{code}")
    KbQuestion updateQuestion(@PathVariable String code, HttpServletRequest request) {
        return editor.updateQuestion(code, bodies.object(request, QuestionEdit.class));
    }

    /** A system's name, aliases, priors and windows (minutes; 0 for the default); fields left out keep their value. */
    @PutMapping("/systems/{code}")
    KbSystem updateSystem(@PathVariable String code, HttpServletRequest request) {
        return systemEditor.update(code, bodies.object(request, SystemEditor.SystemEdit.class));
    }

    @DeleteMapping("/questions/{code}")
    KbQuestion deleteQuestion(@PathVariable String code) {
        return editor.deleteQuestion(code);
    }
}
