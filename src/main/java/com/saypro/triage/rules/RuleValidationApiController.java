package com.saypro.triage.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.saypro.triage.web.JsonBodies;

/**
 * {@code POST /api/v1/rules/validate} (engineers): guards and compiles the files given
 * together with the rest of the rule base in use, a given file replacing the one at its path;
 * nothing is put into use. Threshold files ({@code thresholds/...}) are checked as a set of
 * their own, with only the threshold files given.
 */
@RestController
@RequestMapping(path = "/api/v1/rules", produces = MediaType.APPLICATION_JSON_VALUE)
class RuleValidationApiController {

    static final int MAX_FILES = 200;
    static final int MAX_FILE_CHARS = 200_000;

    private final RuleBase ruleBase;
    private final JsonBodies bodies;
    private final RuleBaseVersions versions;

    RuleValidationApiController(RuleBase ruleBase, JsonBodies bodies, RuleBaseVersions versions) {
        this.ruleBase = ruleBase;
        this.bodies = bodies;
        this.versions = versions;
    }

    /** The rule base versions Triage has used, newest first; {@code active} is the one in use. */
    @org.springframework.web.bind.annotation.GetMapping("/versions")
    List<RuleBaseVersions.Version> versions() {
        CompiledRuleBase current = ruleBase.current();
        versions.record(current, com.saypro.triage.audit.Actor.SYSTEM);
        return versions.list(current.version());
    }

    /** Rule files by their path under the rule directory, such as {@code infra/Disk.drl}. */
    record ValidateRequest(@NotNull(message = "is required") @Size(min = 1, max = MAX_FILES) Map<
            @Pattern(regexp = "(?!.*\\.\\.)[A-Za-z0-9_][A-Za-z0-9_./-]*\\.drl",
                    message = "must be a relative path ending in .drl") String,
            @NotNull(message = "is required") @Size(max = MAX_FILE_CHARS) String> files) {
    }

    record ValidateResponse(boolean ok, List<RuleProblem> problems) {
    }

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
        List<RuleProblem> problems = RuleValidation.problems("validation", checked);
        return new ValidateResponse(problems.isEmpty(), problems);
    }
}
