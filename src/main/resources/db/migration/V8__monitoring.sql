-- Built-in uptime probes: a health URL per monitored system, probed every interval_seconds.
-- A probe's samples carry the label probe = name.
CREATE TABLE probe (
    id               BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name             VARCHAR(100)  NOT NULL,
    system_name      VARCHAR(100)  NOT NULL,
    url              VARCHAR(2000) NOT NULL,
    interval_seconds INT           NOT NULL,
    timeout_ms       INT           NOT NULL,
    expected_status  INT           NOT NULL,
    expected_body    VARCHAR(500),
    created_at       DATETIME(3)   NOT NULL,
    created_by       VARCHAR(100)  NOT NULL
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Thresholds the stream session watches, per system (system_name '*': every system without
-- its own) and metric. Crossed when samples_needed of the last samples_of samples are beyond
-- threshold_value for for_seconds; cleared when fewer than samples_needed are beyond
-- clear_value. origin SEED: from kb-seed/thresholds.yaml; LOCAL: edited in Triage.
CREATE TABLE metric_threshold (
    id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    system_name     VARCHAR(100) NOT NULL,
    metric          VARCHAR(200) NOT NULL,
    alert_name      VARCHAR(200) NOT NULL,
    comparison      VARCHAR(10)  NOT NULL,
    threshold_value DOUBLE       NOT NULL,
    clear_value     DOUBLE       NOT NULL,
    for_seconds     INT          NOT NULL,
    samples_needed  INT          NOT NULL,
    samples_of      INT          NOT NULL,
    severity        VARCHAR(10)  NOT NULL,
    origin          VARCHAR(10)  NOT NULL,
    seed_digest     VARCHAR(64),
    updated_at      DATETIME(3)  NOT NULL,
    updated_by      VARCHAR(100) NOT NULL,
    CONSTRAINT uq_metric_threshold UNIQUE (system_name, metric)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
