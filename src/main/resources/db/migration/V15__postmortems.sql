-- Post-mortems of resolved incidents, one per incident: DRAFT -> IN_REVIEW -> PUBLISHED (sent
-- back to DRAFT with a comment). timeline is the drafted record as JSON, editable; evidence
-- (the causes ranked when it was drafted, with the rules that fired) and playbook_runs (the
-- steps as they were run) are snapshots taken when it was drafted, so reviewers read what was
-- true then even if the incident is reopened later.
CREATE TABLE postmortem (
    id                BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    incident_id       BIGINT        NOT NULL,
    status            VARCHAR(20)   NOT NULL,
    title             VARCHAR(300)  NOT NULL,
    summary           TEXT,
    impact            TEXT,
    started_at        DATETIME(3)   NOT NULL,
    ended_at          DATETIME(3),
    systems           VARCHAR(1000) NOT NULL,
    affected_users    INT,
    root_cause_code   VARCHAR(100),
    root_cause        TEXT,
    fix               TEXT,
    went_well         TEXT,
    went_wrong        TEXT,
    timeline          MEDIUMTEXT    NOT NULL,
    rule_base_version VARCHAR(40),
    evidence          MEDIUMTEXT    NOT NULL,
    playbook_runs     MEDIUMTEXT    NOT NULL,
    created_by        VARCHAR(100)  NOT NULL,
    created_at        DATETIME(3)   NOT NULL,
    updated_at        DATETIME(3)   NOT NULL,
    submitted_by      VARCHAR(100),
    submitted_at      DATETIME(3),
    published_by      VARCHAR(100),
    published_at      DATETIME(3),
    CONSTRAINT uq_postmortem_incident UNIQUE (incident_id),
    CONSTRAINT fk_postmortem_incident FOREIGN KEY (incident_id) REFERENCES incident (id) ON DELETE CASCADE
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX ix_postmortem_status ON postmortem (status, id);

-- What is to be done so that it does not happen again: OPEN, DONE or CANCELLED; overdue when
-- still OPEN after due_date.
CREATE TABLE postmortem_action (
    id            BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    postmortem_id BIGINT        NOT NULL,
    position      INT           NOT NULL,
    text          VARCHAR(2000) NOT NULL,
    owner         VARCHAR(100)  NOT NULL,
    due_date      DATE,
    status        VARCHAR(20)   NOT NULL,
    done_at       DATETIME(3),
    created_by    VARCHAR(100)  NOT NULL,
    created_at    DATETIME(3)   NOT NULL,
    CONSTRAINT fk_action_postmortem FOREIGN KEY (postmortem_id) REFERENCES postmortem (id) ON DELETE CASCADE
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX ix_action_postmortem ON postmortem_action (postmortem_id, position);
CREATE INDEX ix_action_due ON postmortem_action (status, due_date);

-- Reviewers' comments; kind is comment, or sent-back when a reviewer sent the post-mortem back
-- to its author. Rows are only inserted.
CREATE TABLE postmortem_comment (
    id            BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    postmortem_id BIGINT        NOT NULL,
    author        VARCHAR(100)  NOT NULL,
    at            DATETIME(3)   NOT NULL,
    kind          VARCHAR(20)   NOT NULL,
    text          TEXT          NOT NULL,
    CONSTRAINT fk_comment_postmortem FOREIGN KEY (postmortem_id) REFERENCES postmortem (id) ON DELETE CASCADE
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX ix_comment_postmortem ON postmortem_comment (postmortem_id, id);
