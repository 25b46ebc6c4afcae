-- Versions of a playbook edited in Triage: what it read (title, risk, rollback, its steps as a
-- JSON array of {position, kind, text, answers}) after each edit. The first edit of a playbook
-- also keeps, as version 1, what it read before (as the seed gave it). Versions are never
-- changed, so the version an incident's run followed stays readable.
CREATE TABLE playbook_version (
    playbook_code VARCHAR(100) NOT NULL,
    version       INT          NOT NULL,
    title         VARCHAR(200) NOT NULL,
    risk          VARCHAR(10)  NOT NULL,
    rollback      TEXT         NOT NULL,
    steps         MEDIUMTEXT   NOT NULL,
    edited_by     VARCHAR(100) NOT NULL,
    edited_at     DATETIME(3)  NOT NULL,
    PRIMARY KEY (playbook_code, version)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The version of its playbook a run started from: the newest version at its start, null when the
-- playbook had never been edited in Triage (it read as the seed gave it, later kept as version 1).
ALTER TABLE playbook_run ADD COLUMN playbook_version INT;
