-- What the knowledge search looks through: one entry per cause, playbook, resolved incident
-- and post-mortem, kept current by the application. kind: cause, playbook, incident, postmortem;
-- ref: the cause or playbook code, or the incident or post-mortem id.
CREATE TABLE search_entry (
    kind       VARCHAR(20)  NOT NULL,
    ref        VARCHAR(100) NOT NULL,
    title      VARCHAR(500) NOT NULL,
    body       MEDIUMTEXT   NOT NULL,
    system_name VARCHAR(100),
    updated_at DATETIME(3)  NOT NULL,
    PRIMARY KEY (kind, ref)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
