-- Which question a check step of a playbook finds the answer to (kb-seed/playbooks.yaml `answers:`).
ALTER TABLE playbook_step ADD COLUMN answers_question VARCHAR(100);

-- A playbook being followed on an incident. The steps are copied when the run starts (kind,
-- text, the question a step answers), so a later edit of the playbook leaves the record as it
-- was followed. Each step row holds its latest outcome; every recording of a step is also on
-- the incident's timeline.
CREATE TABLE playbook_run (
    id            BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    incident_id   BIGINT       NOT NULL,
    playbook_code VARCHAR(100) NOT NULL,
    title         VARCHAR(200) NOT NULL,
    started_by    VARCHAR(100) NOT NULL,
    started_at    DATETIME(3)  NOT NULL,
    CONSTRAINT fk_playbook_run_incident FOREIGN KEY (incident_id) REFERENCES incident (id) ON DELETE CASCADE
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX ix_playbook_run_incident ON playbook_run (incident_id, id);

CREATE TABLE playbook_run_step (
    run_id           BIGINT       NOT NULL,
    position         INT          NOT NULL,
    kind             VARCHAR(10)  NOT NULL,
    text             TEXT         NOT NULL,
    answers_question VARCHAR(100),
    outcome          VARCHAR(10),
    note             TEXT,
    recorded_by      VARCHAR(100),
    recorded_at      DATETIME(3),
    finding_question VARCHAR(100),
    finding_answer   VARCHAR(100),
    PRIMARY KEY (run_id, position),
    CONSTRAINT fk_run_step_run FOREIGN KEY (run_id) REFERENCES playbook_run (id) ON DELETE CASCADE
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
