-- Grouping by relation, not by system alone: a system may have several open incidents, so the
-- one-open-incident-per-system index goes (open_system is no longer used); ingestion serialises per system by locking the
-- system's row instead. last_signal_at: when the incident's newest alert started (the
-- correlation window runs from it). merged_into: the incident this one was merged into.
ALTER TABLE incident ADD COLUMN last_signal_at DATETIME(3);
ALTER TABLE incident ADD COLUMN merged_into BIGINT;
UPDATE incident SET last_signal_at = (SELECT MAX(a.starts_at) FROM alert a WHERE a.incident_id = incident.id);
UPDATE incident SET last_signal_at = opened_at WHERE last_signal_at IS NULL;
DROP INDEX ux_incident_open_system ON incident;
CREATE INDEX ix_incident_system_status ON incident (system_name, status);
-- "Does this incident hold an alert of that name?" is one index lookup.
CREATE INDEX ix_alert_incident_name ON alert (incident_id, name);
-- The symptoms its alerts show (comma-separated codes), kept as alerts join, so grouping
-- need not read every alert of a large incident.
ALTER TABLE incident ADD COLUMN symptom_families VARCHAR(2000);

-- Per system (kb-seed/systems.yaml verifyWindow, correlationWindow); null: the defaults.
ALTER TABLE monitored_system ADD COLUMN verify_window_seconds INT;
ALTER TABLE monitored_system ADD COLUMN correlation_window_seconds INT;
