-- People who sign in. password_hash is a self-describing Spring Security hash ({bcrypt}...);
-- roles is a comma-separated subset of ANALYST, ENGINEER, REVIEWER, ADMIN.
CREATE TABLE app_user (
    id            BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    username      VARCHAR(100) NOT NULL,
    display_name  VARCHAR(200),
    password_hash VARCHAR(200) NOT NULL,
    roles         VARCHAR(100) NOT NULL,
    enabled       BOOLEAN      NOT NULL,
    created_at    DATETIME(3)  NOT NULL,
    updated_at    DATETIME(3)  NOT NULL,
    last_login_at DATETIME(3),
    CONSTRAINT uq_app_user_username UNIQUE (username)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Machine credentials. Only the SHA-256 of a token is kept (tokens are long random strings,
-- so a fast hash is enough); scopes is a comma-separated subset of ingest, read.
CREATE TABLE api_token (
    id           BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name         VARCHAR(100) NOT NULL,
    token_hash   CHAR(64)     NOT NULL,
    scopes       VARCHAR(50)  NOT NULL,
    created_by   VARCHAR(100) NOT NULL,
    created_at   DATETIME(3)  NOT NULL,
    last_used_at DATETIME(3),
    revoked_at   DATETIME(3),
    revoked_by   VARCHAR(100),
    CONSTRAINT uq_api_token_hash UNIQUE (token_hash)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Every change to incidents, knowledge, rules, users and tokens: who, when, what, and the
-- state before and after (JSON). Rows are only ever inserted.
CREATE TABLE audit_event (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    at          DATETIME(3)  NOT NULL,
    actor       VARCHAR(100) NOT NULL,
    action      VARCHAR(60)  NOT NULL,
    target_kind VARCHAR(30)  NOT NULL,
    target_id   VARCHAR(200) NOT NULL,
    summary     VARCHAR(500) NOT NULL,
    before_json MEDIUMTEXT,
    after_json  MEDIUMTEXT
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX ix_audit_at ON audit_event (at);
CREATE INDEX ix_audit_target ON audit_event (target_kind, target_id);
