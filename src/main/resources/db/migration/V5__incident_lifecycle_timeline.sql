-- The analyst's workflow: open -> acknowledged -> verifying -> closed (reopened back to open).
-- status holds OPEN, ACKNOWLEDGED, VERIFYING or CLOSED; incidents resolved before this
-- migration are CLOSED. open_system stays set while the incident takes new alerts (open and
-- acknowledged).
ALTER TABLE incident ADD COLUMN assignee VARCHAR(100);
ALTER TABLE incident ADD COLUMN acknowledged_at DATETIME(3);
ALTER TABLE incident ADD COLUMN resolved_by VARCHAR(100);
ALTER TABLE incident ADD COLUMN resolution VARCHAR(20);
ALTER TABLE incident ADD COLUMN confirmed_cause VARCHAR(100);
ALTER TABLE incident ADD COLUMN fix_applied TEXT;
ALTER TABLE incident ADD COLUMN verify_until DATETIME(3);
ALTER TABLE incident ADD COLUMN closed_at DATETIME(3);
ALTER TABLE incident ADD COLUMN reopened BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE incident ADD COLUMN reopen_count INT NOT NULL DEFAULT 0;
ALTER TABLE incident ADD COLUMN fix_held BOOLEAN;
ALTER TABLE incident ADD COLUMN last_activity_at DATETIME(3);
UPDATE incident SET status = 'CLOSED', closed_at = resolved_at WHERE status = 'RESOLVED';
UPDATE incident SET last_activity_at = updated_at;
CREATE INDEX ix_incident_activity ON incident (status, last_activity_at);

-- The incident's record: status changes, assignments, answers, top-cause changes, playbook
-- steps, notes, merges and splits, with who and when. Rows are only inserted.
CREATE TABLE incident_event (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    incident_id BIGINT       NOT NULL,
    at          DATETIME(3)  NOT NULL,
    kind        VARCHAR(30)  NOT NULL,
    summary     VARCHAR(1000) NOT NULL,
    actor       VARCHAR(100) NOT NULL,
    detail      MEDIUMTEXT,
    CONSTRAINT fk_event_incident FOREIGN KEY (incident_id) REFERENCES incident (id) ON DELETE CASCADE
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX ix_event_incident ON incident_event (incident_id, at, id);
