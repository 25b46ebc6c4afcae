-- Each time a rule base version was put in use: at start-up, after a change of the rule files,
-- from the workbench, or as a rollback to an earlier version (a new publication of old files).
-- report is the regression report the version passed (JSON); override_reason what the engineer
-- wrote when publishing over a report that failed.
CREATE TABLE rule_publication (
    id               BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    version          VARCHAR(40)   NOT NULL,
    previous_version VARCHAR(40),
    published_at     DATETIME(3)   NOT NULL,
    author           VARCHAR(100)  NOT NULL,
    kind             VARCHAR(20)   NOT NULL,
    note             VARCHAR(1000),
    override_reason  VARCHAR(1000),
    report           LONGTEXT
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX ix_publication_time ON rule_publication (published_at, id);

INSERT INTO rule_publication (version, published_at, author, kind)
SELECT version, loaded_at, COALESCE(author, 'system'), 'start' FROM rule_base_version ORDER BY loaded_at;
