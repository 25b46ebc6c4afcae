package com.saypro.triage.kbedit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.saypro.triage.audit.Actor;
import com.saypro.triage.audit.AuditLog;
import com.saypro.triage.diagnosis.DiagnosisService;
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
import com.saypro.triage.rules.RuleBase;
import com.saypro.triage.rules.RuleSource;
import com.saypro.triage.search.SearchIndex;
import com.saypro.triage.support.Json;
import com.saypro.triage.support.Times;
import com.saypro.triage.web.ConflictException;
import com.saypro.triage.web.FieldError;
import com.saypro.triage.web.InvalidBodyException;
import com.saypro.triage.web.NotFoundException;
import com.saypro.triage.web.TextRules;

/**
 * Engineers' edits of the knowledge base: causes, playbooks (each edit kept as a version) and
 * questions. What is made or edited here is LOCAL (without a seed hash): the seed never
 * overwrites it. An edit is
 * checked whole before anything is written, is audited, refreshes the knowledge search and
 * marks the open incidents for a new diagnosis. An entry a rule of the rule base in use names
 * is never deleted, nor one that comes from the seed.
 */
@Service
public class KnowledgeEditor {

    static final String LOCAL = "LOCAL";
    static final String SEED = "SEED";
    static final int MAX_TITLE = 200;
    static final int MAX_TEXT = 20_000;
    static final int MAX_STEPS = 100;
    static final int MAX_OPTIONS = 20;
    static final int MAX_OPTION = 100;
    static final List<String> RISKS = List.of("low", "medium", "high");
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,99}");
    private static final String CODE_MESSAGE = "must be an upper-case identifier: A-Z, digits and _, starting with a"
            + " letter, at most 100 characters (DISK_FULL)";

    private final JdbcClient jdbc;
    private final KnowledgeBase knowledge;
    private final PlaybookVersions versions;
    private final RuleBase ruleBase;
    private final SearchIndex search;
    private final DiagnosisService diagnoses;
    private final AuditLog audit;

    KnowledgeEditor(JdbcClient jdbc, KnowledgeBase knowledge, PlaybookVersions versions, RuleBase ruleBase,
            SearchIndex search, DiagnosisService diagnoses, AuditLog audit) {
        this.jdbc = jdbc;
        this.knowledge = knowledge;
        this.versions = versions;
        this.ruleBase = ruleBase;
        this.search = search;
        this.diagnoses = diagnoses;
        this.audit = audit;
    }

    // Causes

    @Transactional
    public Cause createCause(CauseEdit edit) {
        List<FieldError> errors = new ArrayList<>();
        String code = newCode(edit.code(), errors);
        checkCause(edit, errors);
        refuse(errors);
        if (knowledge.cause(code).isPresent()) {
            throw new ConflictException("code", "There is already a cause " + code, false);
        }
        jdbc.sql("INSERT INTO cause (code, title, category, description, origin, seed_hash, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, NULL, ?)").params(code, edit.title().strip(), category(edit.category()),
                        edit.description().strip(), LOCAL, Times.toDb(Times.now())).update();
        linkPlaybooks(code, edit.playbooks());
        Cause after = knowledge.cause(code).orElseThrow();
        changed("knowledge.cause.created", "cause", code, "created the cause " + code + " (" + after.title() + ")",
                null, after);
        return after;
    }

    /** Fields left out (null) keep their value. */
    @Transactional
    public Cause updateCause(String code, CauseEdit edit) {
        Cause before = knowledge.cause(code).orElseThrow(() -> new NotFoundException("There is no cause " + code));
        CauseEdit merged = new CauseEdit(code, or(edit.title(), before.title()),
                or(edit.category(), before.category().name()), or(edit.description(), before.description()),
                edit.playbooks() == null ? before.playbooks() : edit.playbooks());
        List<FieldError> errors = new ArrayList<>();
        checkCause(merged, errors);
        refuse(errors);
        jdbc.sql("UPDATE cause SET title = ?, category = ?, description = ?, origin = ?, seed_hash = NULL,"
                + " updated_at = ? WHERE code = ?")
                .params(merged.title().strip(), category(merged.category()), merged.description().strip(), LOCAL,
                        Times.toDb(Times.now()), code).update();
        jdbc.sql("DELETE FROM cause_playbook WHERE cause_code = ?").param(code).update();
        linkPlaybooks(code, merged.playbooks());
        Cause after = knowledge.cause(code).orElseThrow();
        changed("knowledge.cause.updated", "cause", code, "edited the cause " + code + " (" + after.title() + ")",
                before, after);
        return after;
    }

    @Transactional
    public Cause deleteCause(String code) {
        Cause before = knowledge.cause(code).orElseThrow(() -> new NotFoundException("There is no cause " + code));
        whyCauseStays(before).ifPresent(why -> {
            throw new ConflictException(why);
        });
        jdbc.sql("DELETE FROM cause WHERE code = ?").param(code).update();
        changed("knowledge.cause.deleted", "cause", code, "deleted the cause " + code + " (" + before.title() + ")",
                before, null);
        return before;
    }

    /** Why the cause may not be deleted; empty when it may. */
    public Optional<String> whyCauseStays(Cause cause) {
        String code = cause.code();
        if (!LOCAL.equals(cause.origin())) {
            return Optional.of("The cause " + code + " comes from the seed; only causes made in Triage can be deleted");
        }
        Optional<String> rule = ruleNaming(code);
        if (rule.isPresent()) {
            return Optional.of("The rules in " + rule.get() + " name the cause " + code);
        }
        if (used("SELECT COUNT(*) FROM incident WHERE confirmed_cause = ? OR top_cause_code = ?", code, code)
                || used("SELECT COUNT(*) FROM postmortem WHERE root_cause_code = ?", code)
                || used("SELECT COUNT(*) FROM system_prior WHERE cause_code = ?", code)) {
            return Optional.of("Incidents, post-mortems or a system's priors name the cause " + code);
        }
        return Optional.empty();
    }

    private void checkCause(CauseEdit edit, List<FieldError> errors) {
        title("title", edit.title(), errors);
        if (edit.category() == null || edit.category().isBlank()) {
            errors.add(new FieldError("category", "is required, one of " + List.of(CauseCategory.values())));
        } else if (category(edit.category()) == null) {
            errors.add(new FieldError("category", "must be one of " + List.of(CauseCategory.values())));
        }
        text("description", edit.description(), true, errors);
        if (edit.playbooks() == null || edit.playbooks().isEmpty()) {
            errors.add(new FieldError("playbooks", "must name at least one playbook"));
            return;
        }
        Set<String> known = knowledge.playbooks().keySet();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < edit.playbooks().size(); i++) {
            String p = edit.playbooks().get(i);
            if (p == null || !known.contains(p)) {
                errors.add(new FieldError("playbooks[" + i + "]", "must be the code of a playbook"));
            } else if (!seen.add(p)) {
                errors.add(new FieldError("playbooks[" + i + "]", "names " + p + " a second time"));
            }
        }
    }

    private void linkPlaybooks(String code, List<String> playbooks) {
        int position = 1;
        for (String playbook : playbooks) {
            jdbc.sql("INSERT INTO cause_playbook (cause_code, playbook_code, position) VALUES (?, ?, ?)")
                    .params(code, playbook, position++).update();
        }
    }

    private static String category(String text) {
        try {
            return CauseCategory.valueOf(text.strip().toUpperCase(Locale.ROOT)).name();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // Playbooks

    @Transactional
    public Playbook createPlaybook(PlaybookEdit edit) {
        List<FieldError> errors = new ArrayList<>();
        String code = newCode(edit.code(), errors);
        checkPlaybook(edit, errors);
        refuse(errors);
        if (knowledge.playbook(code).isPresent()) {
            throw new ConflictException("code", "There is already a playbook " + code, false);
        }
        Instant now = Times.now();
        jdbc.sql("INSERT INTO playbook (code, title, risk, rollback, origin, seed_hash, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, NULL, ?)").params(code, edit.title().strip(), risk(edit.risk()),
                        rollback(edit.rollback()), LOCAL, Times.toDb(now)).update();
        writeSteps(code, edit.steps());
        Playbook after = knowledge.playbook(code).orElseThrow();
        int version = versions.add(after, Actor.current(), now);
        changed("knowledge.playbook.created", "playbook", code, "created the playbook " + code + " (" + after.title()
                + "), version " + version, null, after);
        return after;
    }

    /**
     * Fields left out (null) keep their value; {@code steps}, when given, replace all steps. The
     * first edit keeps the playbook as it read before as version 1; each edit adds a version.
     */
    @Transactional
    public Playbook updatePlaybook(String code, PlaybookEdit edit) {
        // One edit of a playbook at a time: the versions are numbered one after another.
        jdbc.sql("SELECT code FROM playbook WHERE code = ? FOR UPDATE").param(code).query(String.class).list();
        Playbook before = knowledge.playbook(code)
                .orElseThrow(() -> new NotFoundException("There is no playbook " + code));
        PlaybookEdit merged = new PlaybookEdit(code, or(edit.title(), before.title()), or(edit.risk(), before.risk()),
                or(edit.rollback(), before.rollback()), edit.steps() == null ? before.steps().stream()
                        .map(s -> new StepEdit(s.kind().name(), s.text(), s.answers())).toList() : edit.steps());
        List<FieldError> errors = new ArrayList<>();
        checkPlaybook(merged, errors);
        refuse(errors);
        Instant now = Times.now();
        if (versions.latest(code) == null) {
            Instant then = versions.updatedAt(code);
            versions.add(before, SEED.equals(before.origin()) ? "kb-seed" : Actor.SYSTEM, then == null ? now : then);
        }
        jdbc.sql("UPDATE playbook SET title = ?, risk = ?, rollback = ?, origin = ?, seed_hash = NULL,"
                + " updated_at = ? WHERE code = ?")
                .params(merged.title().strip(), risk(merged.risk()), rollback(merged.rollback()), LOCAL,
                        Times.toDb(now), code).update();
        jdbc.sql("DELETE FROM playbook_step WHERE playbook_code = ?").param(code).update();
        writeSteps(code, merged.steps());
        Playbook after = knowledge.playbook(code).orElseThrow();
        int version = versions.add(after, Actor.current(), now);
        changed("knowledge.playbook.updated", "playbook", code, "edited the playbook " + code + " (" + after.title()
                + "), now version " + version, before, after);
        return after;
    }

    private void checkPlaybook(PlaybookEdit edit, List<FieldError> errors) {
        title("title", edit.title(), errors);
        if (edit.risk() == null || !RISKS.contains(edit.risk().strip().toLowerCase(Locale.ROOT))) {
            errors.add(new FieldError("risk", "must be low, medium or high"));
        }
        text("rollback", edit.rollback(), false, errors);
        if (edit.steps() == null || edit.steps().isEmpty()) {
            errors.add(new FieldError("steps", "must hold at least one step"));
            return;
        }
        if (edit.steps().size() > MAX_STEPS) {
            errors.add(new FieldError("steps", "at most " + MAX_STEPS + " steps"));
            return;
        }
        Set<String> questions = knowledge.questions().keySet();
        for (int i = 0; i < edit.steps().size(); i++) {
            StepEdit step = edit.steps().get(i);
            String at = "steps[" + i + "]";
            if (step == null) {
                errors.add(new FieldError(at, "must be an object"));
                continue;
            }
            Playbook.StepKind kind = kind(step.kind());
            if (kind == null) {
                errors.add(new FieldError(at + ".kind", "must be check, fix or verify"));
            }
            text(at + ".text", step.text(), true, errors);
            String answers = blankToNull(step.answers());
            if (answers != null) {
                if (!questions.contains(answers)) {
                    errors.add(new FieldError(at + ".answers", "must be the code of a question"));
                } else if (kind != null && kind != Playbook.StepKind.CHECK) {
                    errors.add(new FieldError(at + ".answers", "only a check step answers a question"));
                }
            }
        }
    }

    private void writeSteps(String code, List<StepEdit> steps) {
        int position = 1;
        for (StepEdit step : steps) {
            jdbc.sql("INSERT INTO playbook_step (playbook_code, position, kind, text, answers_question)"
                    + " VALUES (?, ?, ?, ?, ?)").params(code, position++, kind(step.kind()).name(), step.text().strip(),
                            blankToNull(step.answers())).update();
        }
    }

    private static Playbook.StepKind kind(String text) {
        try {
            return text == null ? null : Playbook.StepKind.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String risk(String text) {
        return text.strip().toLowerCase(Locale.ROOT);
    }

    private static String rollback(String text) {
        return text == null ? "" : text.strip();
    }

    // Questions

    @Transactional
    public KbQuestion createQuestion(QuestionEdit edit) {
        List<FieldError> errors = new ArrayList<>();
        String code = newCode(edit.code(), errors);
        checkQuestion(edit, errors);
        refuse(errors);
        if (knowledge.question(code).isPresent()) {
            throw new ConflictException("code", "There is already a question " + code, false);
        }
        jdbc.sql("INSERT INTO question (code, text, help, options, origin, seed_hash, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, NULL, ?)").params(code, edit.text().strip(), rollback(edit.help()),
                        Json.write(options(edit.options())), LOCAL, Times.toDb(Times.now())).update();
        KbQuestion after = knowledge.question(code).orElseThrow();
        changed("knowledge.question.created", "question", code, "created the question " + code, null, after);
        return after;
    }

    /** Fields left out (null) keep their value. */
    @Transactional
    public KbQuestion updateQuestion(String code, QuestionEdit edit) {
        KbQuestion before = knowledge.question(code)
                .orElseThrow(() -> new NotFoundException("There is no question " + code));
        QuestionEdit merged = new QuestionEdit(code, or(edit.text(), before.text()), or(edit.help(), before.help()),
                edit.options() == null ? before.options() : edit.options());
        List<FieldError> errors = new ArrayList<>();
        checkQuestion(merged, errors);
        refuse(errors);
        jdbc.sql("UPDATE question SET text = ?, help = ?, options = ?, origin = ?, seed_hash = NULL,"
                + " updated_at = ? WHERE code = ?")
                .params(merged.text().strip(), rollback(merged.help()), Json.write(options(merged.options())), LOCAL,
                        Times.toDb(Times.now()), code).update();
        KbQuestion after = knowledge.question(code).orElseThrow();
        changed("knowledge.question.updated", "question", code, "edited the question " + code, before, after);
        return after;
    }

    @Transactional
    public KbQuestion deleteQuestion(String code) {
        KbQuestion before = knowledge.question(code)
                .orElseThrow(() -> new NotFoundException("There is no question " + code));
        whyQuestionStays(before).ifPresent(why -> {
            throw new ConflictException(why);
        });
        jdbc.sql("DELETE FROM question WHERE code = ?").param(code).update();
        changed("knowledge.question.deleted", "question", code, "deleted the question " + code, before, null);
        return before;
    }

    /** Why the question may not be deleted; empty when it may. */
    public Optional<String> whyQuestionStays(KbQuestion question) {
        String code = question.code();
        if (!LOCAL.equals(question.origin())) {
            return Optional.of("The question " + code
                    + " comes from the seed; only questions made in Triage can be deleted");
        }
        Optional<String> rule = ruleNaming(code);
        if (rule.isPresent()) {
            return Optional.of("The rules in " + rule.get() + " name the question " + code);
        }
        if (used("SELECT COUNT(*) FROM answer WHERE question_code = ?", code)
                || used("SELECT COUNT(*) FROM playbook_step WHERE answers_question = ?", code)) {
            return Optional.of("Answers or a playbook step name the question " + code);
        }
        return Optional.empty();
    }

    private void checkQuestion(QuestionEdit edit, List<FieldError> errors) {
        text("text", edit.text(), true, errors);
        text("help", edit.help(), false, errors);
        List<String> options = edit.options();
        if (options == null || options.size() < 2) {
            errors.add(new FieldError("options", "must hold at least two answers"));
            return;
        }
        if (options.size() > MAX_OPTIONS) {
            errors.add(new FieldError("options", "at most " + MAX_OPTIONS + " answers"));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < options.size(); i++) {
            String o = options.get(i) == null ? "" : options.get(i).strip();
            if (o.isEmpty() || o.length() > MAX_OPTION || !TextRules.isName(o)) {
                errors.add(new FieldError("options[" + i + "]", "must be an answer of 1 to " + MAX_OPTION
                        + " characters without control characters or markup"));
            } else if (!seen.add(o)) {
                errors.add(new FieldError("options[" + i + "]", "repeats the answer " + o));
            }
        }
    }

    private static List<String> options(List<String> options) {
        return options.stream().map(String::strip).toList();
    }

    // Shared

    /** Which rule file names the code (as a word), if any, in the rule base in use. */
    Optional<String> ruleNaming(String code) {
        Pattern word = Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(code) + "(?![A-Za-z0-9_])");
        return ruleBase.current().sources().stream().filter(s -> word.matcher(s.content()).find())
                .map(RuleSource::path).findFirst();
    }

    private boolean used(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single() > 0;
    }

    /** Audited; the search and the open incidents' diagnoses catch up. */
    private void changed(String action, String kind, String code, String summary, Object before, Object after) {
        audit.record(action, kind, code, summary, before, after);
        KnowledgeBase.changed(jdbc);
        search.indexKnowledge();
        diagnoses.markUnresolvedIncidentsStale();
    }

    private static String newCode(String code, List<FieldError> errors) {
        String c = code == null ? "" : code.strip();
        if (!CODE.matcher(c).matches()) {
            errors.add(new FieldError("code", c.isEmpty() ? "is required; " + CODE_MESSAGE : CODE_MESSAGE));
        }
        return c;
    }

    private static void title(String field, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
        } else if (value.strip().length() > MAX_TITLE) {
            errors.add(new FieldError(field, "at most " + MAX_TITLE + " characters"));
        } else if (!TextRules.isName(value)) {
            errors.add(new FieldError(field, TextRules.NAME_MESSAGE));
        }
    }

    private static void text(String field, String value, boolean required, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
        } else if (value.length() > MAX_TEXT) {
            errors.add(new FieldError(field, "at most " + MAX_TEXT + " characters"));
        }
    }

    private static void refuse(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new InvalidBodyException(errors);
        }
    }

    private static String or(String given, String kept) {
        return given == null ? kept : given;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
