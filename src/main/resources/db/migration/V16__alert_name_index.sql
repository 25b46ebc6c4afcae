-- Similar past incidents are found by the alert names they share.
CREATE INDEX ix_alert_name ON alert (name, incident_id);
