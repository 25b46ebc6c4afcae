package com.saypro.triage.kbedit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.saypro.triage.audit.AuditLog;
import com.saypro.triage.diagnosis.DiagnosisService;
import com.saypro.triage.knowledge.KbSystem;
import com.saypro.triage.knowledge.KnowledgeBase;
import com.saypro.triage.knowledge.Systems;
import com.saypro.triage.support.Times;
import com.saypro.triage.web.FieldError;
import com.saypro.triage.web.InvalidBodyException;
import com.saypro.triage.web.NotFoundException;

/**
 * Engineers' edits of a monitored system: its name, the other names its signals arrive under
 * (aliases), the base rate of causes on it (priors, 0..{@value #MAX_PRIOR}) and its verify and
 * correlation windows. An edited system is LOCAL: the seed leaves it alone from then on. Its
 * components and workflows stay as the seed describes them. The edit is checked whole before
 * anything is written, audited, and marks the open incidents for a new diagnosis (priors and
 * windows change how they are read).
 */
@Service
public class SystemEditor {

    static final double MAX_PRIOR = 0.3;
    static final int MAX_ALIASES = 50;
    static final int MAX_WINDOW_MINUTES = 7 * 24 * 60;

    private final JdbcClient jdbc;
    private final Systems systems;
    private final KnowledgeBase knowledge;
    private final DiagnosisService diagnoses;
    private final AuditLog audit;

    SystemEditor(JdbcClient jdbc, Systems systems, KnowledgeBase knowledge, DiagnosisService diagnoses, AuditLog audit) {
        this.jdbc = jdbc;
        this.systems = systems;
        this.knowledge = knowledge;
        this.diagnoses = diagnoses;
        this.audit = audit;
    }

    /** A change of a system; a field left out (null) keeps its value. Windows in minutes. */
    public record SystemEdit(String name, List<String> aliases, Map<String, Double> priors,
            Integer verifyWindowMinutes, Integer correlationWindowMinutes) {
    }

    @Transactional
    public KbSystem update(String code, SystemEdit edit) {
        KbSystem before = systems.system(code).orElseThrow(() -> new NotFoundException("There is no system " + code));
        String name = edit.name() == null ? before.name() : edit.name().strip();
        List<String> aliases = edit.aliases() == null ? before.aliases() : edit.aliases();
        Map<String, Double> priors = edit.priors() == null ? before.priors() : edit.priors();
        List<FieldError> errors = new ArrayList<>();
        if (name.isEmpty() || name.length() > 200) {
            errors.add(new FieldError("name", "must be 1 to 200 characters"));
        }
        Map<String, String> aliasByKey = aliases(code, aliases, errors);
        Map<String, Double> checkedPriors = priors(priors, errors);
        Integer verify = minutes("verifyWindowMinutes", edit.verifyWindowMinutes(), before.windows().verify(), errors);
        Integer correlation = minutes("correlationWindowMinutes", edit.correlationWindowMinutes(),
                before.windows().correlation(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidBodyException(errors);
        }
        jdbc.sql("UPDATE monitored_system SET name = ?, origin = 'LOCAL', seed_hash = NULL, updated_at = ?,"
                + " verify_window_seconds = ?, correlation_window_seconds = ? WHERE code = ?")
                .params(name, Times.toDb(Times.now()), verify == null ? null : verify * 60,
                        correlation == null ? null : correlation * 60, code).update();
        jdbc.sql("DELETE FROM system_alias WHERE system_code = ?").param(code).update();
        int position = 1;
        for (Map.Entry<String, String> alias : aliasByKey.entrySet()) {
            jdbc.sql("INSERT INTO system_alias (alias_key, alias, system_code, position) VALUES (?, ?, ?, ?)")
                    .params(alias.getKey(), alias.getValue(), code, position++).update();
        }
        jdbc.sql("DELETE FROM system_prior WHERE system_code = ?").param(code).update();
        checkedPriors.forEach((cause, p) -> jdbc.sql("INSERT INTO system_prior (system_code, cause_code, probability)"
                + " VALUES (?, ?, ?)").params(code, cause, p).update());
        systems.refreshAfterCommit();
        audit.record("knowledge.system.updated", "system", code, "edited the system " + code + " (" + name + ")",
                before, Map.of("name", name, "aliases", List.copyOf(aliasByKey.values()), "priors", checkedPriors,
                        "verifyWindowMinutes", verify == null ? "default" : verify,
                        "correlationWindowMinutes", correlation == null ? "default" : correlation));
        diagnoses.markUnresolvedIncidentsStale();
        return new KbSystem(code, name, "LOCAL", List.copyOf(aliasByKey.values()), before.aliasPatterns(),
                before.components(), before.workflows(), checkedPriors, new KbSystem.Windows(
                        verify == null ? null : Duration.ofMinutes(verify),
                        correlation == null ? null : Duration.ofMinutes(correlation)));
    }

    /** The aliases by key; one another system holds, or that is another system's code, is refused. */
    private Map<String, String> aliases(String code, List<String> aliases, List<FieldError> errors) {
        Map<String, String> byKey = new LinkedHashMap<>();
        if (aliases.size() > MAX_ALIASES) {
            errors.add(new FieldError("aliases", "at most " + MAX_ALIASES));
            return byKey;
        }
        for (int i = 0; i < aliases.size(); i++) {
            String alias = aliases.get(i) == null ? "" : aliases.get(i).strip();
            if (alias.isEmpty() || alias.length() > 100) {
                errors.add(new FieldError("aliases[" + i + "]", "must be 1 to 100 characters"));
                continue;
            }
            String key = Systems.key(alias);
            if (key.equals(code)) {
                continue;
            }
            String owner = jdbc.sql("SELECT system_code FROM system_alias WHERE alias_key = ? AND system_code <> ?")
                    .params(key, code).query(String.class).optional()
                    .orElseGet(() -> jdbc.sql("SELECT code FROM monitored_system WHERE code = ? AND code <> ?")
                            .params(key, code).query(String.class).optional().orElse(null));
            if (owner != null) {
                errors.add(new FieldError("aliases[" + i + "]", "'" + alias + "' is already a name of system " + owner));
                continue;
            }
            byKey.putIfAbsent(key, alias);
        }
        return byKey;
    }

    private Map<String, Double> priors(Map<String, Double> priors, List<FieldError> errors) {
        Map<String, Double> checked = new LinkedHashMap<>();
        var causes = knowledge.causes();
        priors.forEach((cause, p) -> {
            if (!causes.containsKey(cause)) {
                errors.add(new FieldError("priors." + cause, "there is no cause " + cause + " in the knowledge base"));
            } else if (p == null || p.isNaN() || p < 0 || p > MAX_PRIOR) {
                errors.add(new FieldError("priors." + cause, "must be between 0 and " + MAX_PRIOR));
            } else if (p > 0) {
                checked.put(cause, p);
            }
        });
        return checked;
    }

    /** Minutes given, else the window as it is (null: the default). */
    private static Integer minutes(String field, Integer given, Duration current, List<FieldError> errors) {
        if (given == null) {
            return current == null ? null : (int) current.toMinutes();
        }
        if (given == 0) {
            return null;
        }
        if (given < 1 || given > MAX_WINDOW_MINUTES) {
            errors.add(new FieldError(field, "must be between 1 and " + MAX_WINDOW_MINUTES + " minutes, or 0 for the default"));
            return null;
        }
        return given;
    }
}
