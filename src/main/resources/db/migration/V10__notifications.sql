-- Notification targets, managed by administrators: kind WEBHOOK (address: an http(s) URL that
-- takes Slack-compatible JSON) or EMAIL (address: comma-separated mail addresses). Optional
-- filters: min_severity (info, warning, critical) and system_name. max_per_minute: the rate
-- limit (null: triage.notify.max-per-minute); what goes beyond it is sent as one summary.
CREATE TABLE notification_target (
    id              BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name            VARCHAR(100)  NOT NULL,
    kind            VARCHAR(10)   NOT NULL,
    address         VARCHAR(2000) NOT NULL,
    min_severity    VARCHAR(10),
    system_name     VARCHAR(100),
    max_per_minute  INT,
    created_at      DATETIME(3)   NOT NULL,
    created_by      VARCHAR(100)  NOT NULL,
    last_success_at DATETIME(3),
    last_error      VARCHAR(1000),
    last_error_at   DATETIME(3)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The outbox: one row per target, incident and reason (opened, escalated:<severity>,
-- reopened:<n>, unacknowledged:<n>), so each is sent once. PENDING rows are claimed by a
-- sender (claimed_until), sent, and retried with back-off (next_attempt_at) until SENT or,
-- after the last attempt, FAILED. coalesced: sent inside a rate-limit summary.
CREATE TABLE notification_outbox (
    id              BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    target_id       BIGINT        NOT NULL,
    incident_id     BIGINT        NOT NULL,
    reason          VARCHAR(40)   NOT NULL,
    subject         VARCHAR(500)  NOT NULL,
    body            VARCHAR(4000) NOT NULL,
    severity        VARCHAR(10)   NOT NULL,
    status          VARCHAR(10)   NOT NULL,
    attempts        INT           NOT NULL DEFAULT 0,
    next_attempt_at DATETIME(3)   NOT NULL,
    claimed_until   DATETIME(3),
    last_error      VARCHAR(1000),
    created_at      DATETIME(3)   NOT NULL,
    sent_at         DATETIME(3),
    coalesced       BOOLEAN       NOT NULL DEFAULT FALSE,
    CONSTRAINT uq_notification_once UNIQUE (target_id, incident_id, reason),
    CONSTRAINT fk_notification_target FOREIGN KEY (target_id) REFERENCES notification_target (id) ON DELETE CASCADE
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX ix_notification_due ON notification_outbox (status, next_attempt_at);

-- What the notifier last saw of each incident it watches: its severity and reopen count,
-- and when the unacknowledged reminder falls due. Incidents open before this table existed
-- count as seen, so upgrading sends nothing about them.
CREATE TABLE notification_incident_state (
    incident_id  BIGINT      NOT NULL PRIMARY KEY,
    severity     VARCHAR(10) NOT NULL,
    reopen_count INT         NOT NULL,
    unack_due_at DATETIME(3) NOT NULL,
    unack_sent   BOOLEAN     NOT NULL
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
INSERT INTO notification_incident_state (incident_id, severity, reopen_count, unack_due_at, unack_sent)
SELECT id, severity, reopen_count, opened_at, TRUE FROM incident;
