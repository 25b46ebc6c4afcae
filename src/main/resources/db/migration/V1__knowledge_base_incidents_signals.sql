-- Runs unchanged on MariaDB and on H2 in MariaDB mode. Times are UTC, stored as DATETIME(3).
-- Tables are utf8mb4 with a binary collation: any text fits, and names compare exactly
-- ("RMS" and "rms" are two systems) on MariaDB as on H2.

-- Named locks: a row per job that must not run twice at once (several nodes starting
-- together must not apply the knowledge-base seed concurrently).
CREATE TABLE app_lock (
    name VARCHAR(50) NOT NULL PRIMARY KEY
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
INSERT INTO app_lock (name) VALUES ('kb-seed');

-- Knowledge base. origin is SEED for entries that kb-seed/ owns, LOCAL for entries made or
-- edited in Triage (the seed never overwrites those).
CREATE TABLE cause (
    code        VARCHAR(100) NOT NULL PRIMARY KEY,
    title       VARCHAR(200) NOT NULL,
    category    VARCHAR(20)  NOT NULL,
    description TEXT         NOT NULL,
    origin      VARCHAR(10)  NOT NULL,
    seed_hash   VARCHAR(64),
    updated_at  DATETIME(3)  NOT NULL
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE playbook (
    code        VARCHAR(100) NOT NULL PRIMARY KEY,
    title       VARCHAR(200) NOT NULL,
    risk        VARCHAR(10)  NOT NULL,
    rollback    TEXT         NOT NULL,
    origin      VARCHAR(10)  NOT NULL,
    seed_hash   VARCHAR(64),
    updated_at  DATETIME(3)  NOT NULL
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE playbook_step (
    playbook_code VARCHAR(100) NOT NULL,
    position      INT          NOT NULL,
    kind          VARCHAR(10)  NOT NULL,
    text          TEXT         NOT NULL,
    PRIMARY KEY (playbook_code, position),
    CONSTRAINT fk_step_playbook FOREIGN KEY (playbook_code) REFERENCES playbook (code) ON DELETE CASCADE
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE cause_playbook (
    cause_code    VARCHAR(100) NOT NULL,
    playbook_code VARCHAR(100) NOT NULL,
    position      INT          NOT NULL,
    PRIMARY KEY (cause_code, playbook_code),
    CONSTRAINT fk_link_cause FOREIGN KEY (cause_code) REFERENCES cause (code) ON DELETE CASCADE,
    CONSTRAINT fk_link_playbook FOREIGN KEY (playbook_code) REFERENCES playbook (code)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE question (
    code       VARCHAR(100) NOT NULL PRIMARY KEY,
    text       TEXT         NOT NULL,
    help       TEXT         NOT NULL,
    options    TEXT         NOT NULL,
    origin     VARCHAR(10)  NOT NULL,
    seed_hash  VARCHAR(64),
    updated_at DATETIME(3)  NOT NULL
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Incidents. open_system holds the system while the incident is open and NULL afterwards:
-- its unique index allows one open incident per system, even under concurrent ingestion.
CREATE TABLE incident (
    id                 BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    system_name        VARCHAR(100) NOT NULL,
    title              VARCHAR(300) NOT NULL,
    severity           VARCHAR(10)  NOT NULL,
    status             VARCHAR(12)  NOT NULL,
    open_system        VARCHAR(100),
    opened_at          DATETIME(3)  NOT NULL,
    updated_at         DATETIME(3)  NOT NULL,
    resolved_at        DATETIME(3),
    alert_count        INT          NOT NULL DEFAULT 0,
    facts_revision     INT          NOT NULL DEFAULT 0,
    diagnosed_revision INT,
    diagnosed_version  VARCHAR(40),
    top_cause_code     VARCHAR(100),
    top_cause_title    VARCHAR(200),
    top_confidence     DOUBLE
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE UNIQUE INDEX ux_incident_open_system ON incident (open_system);
CREATE INDEX ix_incident_status ON incident (status, opened_at);

CREATE TABLE alert (
    id               BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    incident_id      BIGINT,
    source           VARCHAR(20)  NOT NULL,
    fingerprint      VARCHAR(64)  NOT NULL,
    name             VARCHAR(200) NOT NULL,
    system_name      VARCHAR(100) NOT NULL,
    component        VARCHAR(200) NOT NULL,
    severity         VARCHAR(10)  NOT NULL,
    status           VARCHAR(10)  NOT NULL,
    labels           MEDIUMTEXT       NOT NULL,
    annotations      MEDIUMTEXT       NOT NULL,
    starts_at        DATETIME(3)  NOT NULL,
    ends_at          DATETIME(3),
    received_at      DATETIME(3)  NOT NULL,
    last_received_at DATETIME(3)  NOT NULL,
    duplicates       INT          NOT NULL DEFAULT 0,
    CONSTRAINT fk_alert_incident FOREIGN KEY (incident_id) REFERENCES incident (id)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE UNIQUE INDEX ux_alert_fingerprint_start ON alert (fingerprint, starts_at);
CREATE INDEX ix_alert_incident ON alert (incident_id);

CREATE TABLE metric_sample (
    id           BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    system_name  VARCHAR(100) NOT NULL,
    component    VARCHAR(200) NOT NULL,
    metric       VARCHAR(200) NOT NULL,
    metric_value DOUBLE       NOT NULL,
    unit         VARCHAR(30)  NOT NULL,
    labels       MEDIUMTEXT   NOT NULL,
    occurred_at  DATETIME(3)  NOT NULL,
    received_at  DATETIME(3)  NOT NULL
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX ix_metric_system_time ON metric_sample (system_name, occurred_at);

CREATE TABLE log_event (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    system_name VARCHAR(100) NOT NULL,
    component   VARCHAR(200) NOT NULL,
    level       VARCHAR(10)  NOT NULL,
    message     MEDIUMTEXT   NOT NULL,
    logger      VARCHAR(300) NOT NULL,
    occurred_at DATETIME(3)  NOT NULL,
    received_at DATETIME(3)  NOT NULL
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX ix_log_system_time ON log_event (system_name, occurred_at);

CREATE TABLE transaction_trace (
    id               BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    system_name      VARCHAR(100) NOT NULL,
    transaction_name VARCHAR(300) NOT NULL,
    duration_ms      BIGINT       NOT NULL,
    db_ms            BIGINT       NOT NULL,
    external_ms      BIGINT       NOT NULL,
    failed           BOOLEAN      NOT NULL,
    occurred_at      DATETIME(3)  NOT NULL,
    received_at      DATETIME(3)  NOT NULL
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX ix_trace_system_time ON transaction_trace (system_name, occurred_at);

CREATE TABLE change_event (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    system_name VARCHAR(100) NOT NULL,
    kind        VARCHAR(20)  NOT NULL,
    description MEDIUMTEXT   NOT NULL,
    version     VARCHAR(100) NOT NULL,
    author      VARCHAR(200) NOT NULL,
    occurred_at DATETIME(3)  NOT NULL,
    received_at DATETIME(3)  NOT NULL
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX ix_change_system_time ON change_event (system_name, occurred_at);

CREATE TABLE answer (
    id            BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    incident_id   BIGINT       NOT NULL,
    question_code VARCHAR(100) NOT NULL,
    answer_value  VARCHAR(100) NOT NULL,
    answered_at   DATETIME(3)  NOT NULL,
    CONSTRAINT fk_answer_incident FOREIGN KEY (incident_id) REFERENCES incident (id)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX ix_answer_incident ON answer (incident_id);

-- Every rule base Triage has run, with its files, so any past diagnosis can be replayed.
CREATE TABLE rule_base_version (
    version    VARCHAR(40)  NOT NULL PRIMARY KEY,
    origin     VARCHAR(500) NOT NULL,
    rule_count INT          NOT NULL,
    sources    LONGTEXT     NOT NULL,
    loaded_at  DATETIME(3)  NOT NULL
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Each diagnosis computed: the exact facts it saw and what it concluded.
CREATE TABLE diagnosis_run (
    id                BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    incident_id       BIGINT      NOT NULL,
    facts_revision    INT         NOT NULL,
    rule_base_version VARCHAR(40) NOT NULL,
    computed_at       DATETIME(3) NOT NULL,
    facts             LONGTEXT    NOT NULL,
    result            LONGTEXT    NOT NULL,
    CONSTRAINT fk_run_incident FOREIGN KEY (incident_id) REFERENCES incident (id)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX ix_run_incident ON diagnosis_run (incident_id, id);
