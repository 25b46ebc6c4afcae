package com.saypro.triage.knowledge;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.saypro.triage.support.Json;

import tools.jackson.core.type.TypeReference;

/**
 * Reads causes, playbooks and questions. Every diagnosis and incident page needs them and they
 * seldom change, so they are kept in memory and read again when the knowledge revision (one
 * row, counted up by every change: an edit, the seed) moves, on whichever node the change
 * was made. Inside a transaction that writes they are read from the tables each time.
 */
@Repository
public class KnowledgeBase {

    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private volatile Cached cached;

    private record Cached(long revision, Map<String, Cause> causes, Map<String, Playbook> playbooks,
            Map<String, KbQuestion> questions) {
    }

    public KnowledgeBase(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a change of causes, playbooks or questions, in the transaction that made it. */
    public static void changed(JdbcClient jdbc) {
        jdbc.sql("UPDATE knowledge_revision SET revision = revision + 1 WHERE id = 1").update();
    }

    private Cached current() {
        if (TransactionSynchronizationManager.isActualTransactionActive()
                && !TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
            // A transaction that may be changing the knowledge base reads it as it sees it, and
            // what it sees is not kept: it may yet roll back.
            return new Cached(-1, readCauses(), readPlaybooks(), readQuestions());
        }
        long revision = jdbc.sql("SELECT revision FROM knowledge_revision WHERE id = 1").query(Long.class).single();
        Cached now = cached;
        if (now == null || now.revision() != revision) {
            now = new Cached(revision, Collections.unmodifiableMap(readCauses()),
                    Collections.unmodifiableMap(readPlaybooks()), Collections.unmodifiableMap(readQuestions()));
            cached = now;
        }
        return now;
    }

    public Map<String, Cause> causes() {
        return current().causes();
    }

    public Map<String, Playbook> playbooks() {
        return current().playbooks();
    }

    public Map<String, KbQuestion> questions() {
        return current().questions();
    }

    private Map<String, Cause> readCauses() {
        Map<String, List<String>> links = new LinkedHashMap<>();
        jdbc.sql("SELECT cause_code, playbook_code FROM cause_playbook ORDER BY cause_code, position")
                .query(rs -> {
                    links.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                });
        Map<String, Cause> causes = new LinkedHashMap<>();
        jdbc.sql("SELECT code, title, category, description, origin FROM cause ORDER BY code").query(rs -> {
            String code = rs.getString("code");
            causes.put(code, new Cause(code, rs.getString("title"), CauseCategory.valueOf(rs.getString("category")),
                    rs.getString("description"), List.copyOf(links.getOrDefault(code, List.of())),
                    rs.getString("origin")));
        });
        return causes;
    }

    public Optional<Cause> cause(String code) {
        return Optional.ofNullable(causes().get(code));
    }

    private Map<String, Playbook> readPlaybooks() {
        Map<String, List<Playbook.Step>> steps = new LinkedHashMap<>();
        jdbc.sql("SELECT playbook_code, position, kind, text, answers_question FROM playbook_step"
                + " ORDER BY playbook_code, position").query(rs -> {
                    steps.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Playbook.Step(
                            rs.getInt(2), Playbook.StepKind.valueOf(rs.getString(3)), rs.getString(4),
                            rs.getString(5)));
                });
        Map<String, Playbook> playbooks = new LinkedHashMap<>();
        jdbc.sql("SELECT code, title, risk, rollback, origin FROM playbook ORDER BY code").query(rs -> {
            String code = rs.getString("code");
            playbooks.put(code, new Playbook(code, rs.getString("title"), rs.getString("risk"),
                    rs.getString("rollback"), List.copyOf(steps.getOrDefault(code, List.of())),
                    rs.getString("origin")));
        });
        return playbooks;
    }

    public Optional<Playbook> playbook(String code) {
        return Optional.ofNullable(playbooks().get(code));
    }

    private Map<String, KbQuestion> readQuestions() {
        Map<String, KbQuestion> questions = new LinkedHashMap<>();
        jdbc.sql("SELECT code, text, help, options, origin FROM question ORDER BY code").query(rs -> {
            String code = rs.getString("code");
            questions.put(code, new KbQuestion(code, rs.getString("text"), rs.getString("help"),
                    Json.MAPPER.readValue(rs.getString("options"), STRING_LIST), rs.getString("origin")));
        });
        return questions;
    }

    public Optional<KbQuestion> question(String code) {
        return Optional.ofNullable(questions().get(code));
    }
}
