-- The systems Triage watches (kb-seed/systems.yaml): the names signals use for them, their
-- components and workflows, and how often each cause strikes them (priors).
-- origin: SEED (kb-seed/ owns the entry), LOCAL (made or edited in Triage; the seed never
-- overwrites it), AUTO (created when a signal named a system nobody had described yet).
CREATE TABLE monitored_system (
    code       VARCHAR(100) NOT NULL PRIMARY KEY,
    name       VARCHAR(200) NOT NULL,
    origin     VARCHAR(10)  NOT NULL,
    seed_hash  VARCHAR(64),
    updated_at DATETIME(3)  NOT NULL
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Exact names of a system, matched ignoring case: alias_key is the lower-cased name, so a
-- name belongs to one system at most; alias keeps it as written.
CREATE TABLE system_alias (
    alias_key   VARCHAR(100) NOT NULL PRIMARY KEY,
    alias       VARCHAR(100) NOT NULL,
    system_code VARCHAR(100) NOT NULL,
    position    INT          NOT NULL,
    CONSTRAINT fk_alias_system FOREIGN KEY (system_code) REFERENCES monitored_system (code) ON DELETE CASCADE
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX ix_alias_system ON system_alias (system_code);

-- Regular expressions matched against the whole name, ignoring case, tried after the exact names.
CREATE TABLE system_alias_pattern (
    system_code VARCHAR(100) NOT NULL,
    position    INT          NOT NULL,
    pattern     VARCHAR(500) NOT NULL,
    PRIMARY KEY (system_code, position),
    CONSTRAINT fk_pattern_system FOREIGN KEY (system_code) REFERENCES monitored_system (code) ON DELETE CASCADE
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE system_component (
    system_code VARCHAR(100) NOT NULL,
    name        VARCHAR(200) NOT NULL,
    role        VARCHAR(30)  NOT NULL,
    position    INT          NOT NULL,
    PRIMARY KEY (system_code, name),
    CONSTRAINT fk_component_system FOREIGN KEY (system_code) REFERENCES monitored_system (code) ON DELETE CASCADE
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- transactions: a regular expression over trace transaction names (empty: none known);
-- workflows are tried in position order, the first match wins.
CREATE TABLE system_workflow (
    system_code  VARCHAR(100) NOT NULL,
    code         VARCHAR(100) NOT NULL,
    kind         VARCHAR(20)  NOT NULL,
    transactions VARCHAR(500) NOT NULL,
    position     INT          NOT NULL,
    PRIMARY KEY (system_code, code),
    CONSTRAINT fk_workflow_system FOREIGN KEY (system_code) REFERENCES monitored_system (code) ON DELETE CASCADE
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The base rate of a cause on a system (0..0.3), before any evidence.
CREATE TABLE system_prior (
    system_code VARCHAR(100) NOT NULL,
    cause_code  VARCHAR(100) NOT NULL,
    probability DOUBLE       NOT NULL,
    PRIMARY KEY (system_code, cause_code),
    CONSTRAINT fk_prior_system FOREIGN KEY (system_code) REFERENCES monitored_system (code) ON DELETE CASCADE,
    CONSTRAINT fk_prior_cause FOREIGN KEY (cause_code) REFERENCES cause (code) ON DELETE CASCADE
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
