package com.saypro.triage.workbench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.saypro.triage.audit.Actor;
import com.saypro.triage.diagnosis.Diagnosis;
import com.saypro.triage.rules.RuleBase;
import com.saypro.triage.rules.RuleBaseVersions;
import com.saypro.triage.rules.RuleFiles;
import com.saypro.triage.rules.RuleProblem;
import com.saypro.triage.rules.RuleSource;
import com.saypro.triage.rules.RuleValidation;
import com.saypro.triage.support.Json;
import com.saypro.triage.web.InvalidBodyException;
import com.saypro.triage.web.JsonBodies;
import com.saypro.triage.web.NotFoundException;

/**
 * The rule workbench over HTTP (changes need the engineer role): validate files, test a draft
 * against the regression suite, publish it (compile-test-swap), try it on one incident, list
 * the published versions and roll back to one. Files are given by their path under the rule
 * directory, such as {@code infra/Disk.drl}; a given file replaces the one at its path in the
 * rule base in use, a path in {@code delete} takes a file out.
 */
@RestController
@RequestMapping(path = "/api/v1/rules", produces = MediaType.APPLICATION_JSON_VALUE)
class RulesApiController {

    static final int MAX_FILES = 200;
    static final int MAX_FILE_CHARS = 200_000;
    private static final String PATH = "(?!.*\\.\\.)[A-Za-z0-9_][A-Za-z0-9_./-]*\\.drl";

    private final RuleBase ruleBase;
    private final JsonBodies bodies;
    private final RuleBaseVersions versions;
    private final RulePublisher publisher;
    private final RegressionSuite suite;
    private final RuleSuggestions suggestions;

    RulesApiController(RuleBase ruleBase, JsonBodies bodies, RuleBaseVersions versions, RulePublisher publisher,
            RegressionSuite suite, RuleSuggestions suggestions) {
        this.suggestions = suggestions;
        this.ruleBase = ruleBase;
        this.bodies = bodies;
        this.versions = versions;
        this.publisher = publisher;
        this.suite = suite;
    }

    /** The rule base versions published, newest first; {@code active} is the one in use. */
    @GetMapping("/versions")
    List<RuleBaseVersions.Version> versions() {
        return versions.list(ruleBase.current().version());
    }

    /** Rules suggested by confirmed incidents no rule covered, each with its DRL draft (never published by itself). */
    @GetMapping("/suggestions")
    List<RuleSuggestions.Suggestion> suggestions() {
        return suggestions.suggestions();
    }

    /** One publication with the regression report it passed. */
    @GetMapping("/versions/{id}")
    Map<String, Object> version(@PathVariable long id) {
        RuleBaseVersions.Publication p = versions.publication(id)
                .orElseThrow(() -> new NotFoundException("There is no rule base publication " + id));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", Long.toString(p.id()));
        body.put("hash", p.version());
        body.put("publishedAt", p.publishedAt());
        body.put("author", p.author());
        body.put("kind", p.kind());
        body.put("note", p.note());
        body.put("previousHash", p.previousVersion());
        body.put("overrideReason", p.overrideReason());
        body.put("active", versions.list(ruleBase.current().version()).stream()
                .anyMatch(v -> v.active() && v.id().equals(Long.toString(p.id()))));
        body.put("report", p.report() == null ? null : Json.MAPPER.readTree(p.report()));
        return body;
    }

    record ValidateRequest(@NotNull(message = "is required") @Size(min = 1, max = MAX_FILES) Map<
            @Pattern(regexp = PATH, message = "must be a relative path ending in .drl") String,
            @NotNull(message = "is required") @Size(max = MAX_FILE_CHARS) String> files) {
    }

    record ValidateResponse(boolean ok, List<RuleProblem> problems) {
    }

    /**
     * Guards and compiles the given files with the rest of the rule base in use, and checks
     * the codes they name; nothing is put into use. Threshold files ({@code thresholds/...})
     * are checked as a set of their own, with only the threshold files given.
     */
    @PostMapping("/validate")
    ValidateResponse validate(HttpServletRequest request) {
        ValidateRequest body = bodies.object(request, ValidateRequest.class);
        Map<String, RuleSource> sources = new LinkedHashMap<>();
        if (body.files().keySet().stream().anyMatch(path -> !path.startsWith(RuleFiles.STREAM_FOLDER))) {
            for (RuleSource source : ruleBase.current().sources()) {
                sources.put(source.path(), source);
            }
        }
        body.files().forEach((path, text) -> sources.put(path, new RuleSource(path, text)));
        List<RuleSource> checked = new ArrayList<>(sources.values().stream()
                .filter(s -> !s.path().startsWith(RuleFiles.STREAM_FOLDER)).toList());
        // Threshold files are not part of the rule base in use: only the given ones are checked.
        body.files().forEach((path, text) -> {
            if (path.startsWith(RuleFiles.STREAM_FOLDER)) {
                checked.add(new RuleSource(path, text));
            }
        });
        List<RuleProblem> problems = RuleValidation.problems("validation", checked, publisher.codes());
        return new ValidateResponse(problems.isEmpty(), problems);
    }

    /** A draft: changed files, files taken out, and for publishing a note and an override reason. */
    record DraftRequest(@Size(max = MAX_FILES) Map<
            @Pattern(regexp = PATH, message = "must be a relative path ending in .drl") String,
            @NotNull(message = "is required") @Size(max = MAX_FILE_CHARS) String> files,
            @Size(max = MAX_FILES) List<@NotNull @Pattern(regexp = PATH,
                    message = "must be a relative path ending in .drl") String> delete,
            @Size(max = 1000) String note, @Size(max = 1000) String overrideReason, Long incidentId) {

        Map<String, String> changed() {
            return files == null ? Map.of() : files;
        }

        Set<String> deleted() {
            return delete == null ? Set.of() : Set.copyOf(delete);
        }
    }

    /** What became of a draft, as the API answers it. */
    record OutcomeResponse(boolean ok, boolean published, String version, String previousVersion,
            List<RuleProblem> problems, RegressionReport report, String refusal, String publicationId) {

        static OutcomeResponse of(RulePublisher.Outcome o) {
            boolean ok = o.problems().isEmpty() && (o.report() == null || o.report().passed());
            return new OutcomeResponse(ok, o.published(), o.version(), o.previousVersion(), o.problems(), o.report(),
                    o.refusal(), o.publicationId() == null ? null : Long.toString(o.publicationId()));
        }
    }

    /** The draft guarded, compiled, checked and replayed on every confirmed incident; nothing is put into use. */
    @PostMapping("/test")
    OutcomeResponse test(HttpServletRequest request) {
        DraftRequest body = draft(request);
        return OutcomeResponse.of(publisher.test(publisher.draftOf(body.changed(), body.deleted())));
    }

    /**
     * Compile-test-swap: 200 with {@code published: true}, or 422 with the problems or the
     * failing regression report (publish again with an {@code overrideReason} to go live anyway).
     */
    @PostMapping("/publish")
    ResponseEntity<OutcomeResponse> publish(HttpServletRequest request) {
        DraftRequest body = draft(request);
        if (body.changed().isEmpty() && body.deleted().isEmpty()) {
            throw new InvalidBodyException("files", "give at least one file to change or delete");
        }
        RulePublisher.Outcome outcome = publisher.publish(publisher.draftOf(body.changed(), body.deleted()),
                Actor.current(), RulePublisher.Kind.WORKBENCH, body.note(), body.overrideReason(), true);
        return ResponseEntity.status(outcome.published() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_ENTITY)
                .body(OutcomeResponse.of(outcome));
    }

    /** Publishes the files of an earlier publication again (the same compile-test-swap). */
    @PostMapping("/versions/{id}/rollback")
    ResponseEntity<OutcomeResponse> rollback(@PathVariable long id, HttpServletRequest request) {
        versions.publication(id).orElseThrow(() -> new NotFoundException("There is no rule base publication " + id));
        DraftRequest body = bodies.optionalObject(request, DraftRequest.class);
        RulePublisher.Outcome outcome = publisher.rollback(id, Actor.current(),
                body == null ? null : body.overrideReason());
        return ResponseEntity.status(outcome.published() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_ENTITY)
                .body(OutcomeResponse.of(outcome));
    }

    record TryResponse(long incidentId, String liveVersion, String draftVersion, List<Diagnosis.Candidate> live,
            List<Diagnosis.Candidate> draft, List<RuleProblem> problems) {
    }

    /** "Try on incident": the draft's ranking of one incident's latest recorded facts beside the live one. */
    @PostMapping("/try")
    TryResponse tryOn(HttpServletRequest request) {
        DraftRequest body = draft(request);
        if (body.incidentId() == null) {
            throw new InvalidBodyException("incidentId", "is required");
        }
        return tryDraft(body.incidentId(), publisher.draftOf(body.changed(), body.deleted()));
    }

    TryResponse tryDraft(long incidentId, List<RuleSource> draft) {
        var live = ruleBase.current();
        List<Diagnosis.Candidate> liveRanking = suite.rank(live, incidentId).orElseThrow(
                () -> new NotFoundException("Incident " + incidentId + " has no recorded diagnosis to try a draft on"));
        RulePublisher.Compiled compiled = publisher.compile(draft);
        if (compiled.rules() == null) {
            return new TryResponse(incidentId, live.version(), null, liveRanking, List.of(), compiled.problems());
        }
        return new TryResponse(incidentId, live.version(), compiled.rules().version(), liveRanking,
                suite.rank(compiled.rules(), incidentId).orElse(List.of()), List.of());
    }

    private DraftRequest draft(HttpServletRequest request) {
        DraftRequest body = bodies.object(request, DraftRequest.class);
        body.changed().keySet().stream().filter(p -> p.startsWith(RuleFiles.STREAM_FOLDER)).findFirst()
                .ifPresent(p -> {
                    throw new InvalidBodyException("files", p + ": threshold rules are read at start-up and"
                            + " cannot be published here");
                });
        return body;
    }
}
