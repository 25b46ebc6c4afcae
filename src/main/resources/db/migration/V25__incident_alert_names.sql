-- The alert names each incident holds, one row per incident and name. Similar past incidents are
-- found through it, newest first per name, without reading every alert of a common name (an
-- alert storm's name is held by tens of thousands of alerts).
CREATE TABLE incident_alert_name (
    name        VARCHAR(200) NOT NULL,
    incident_id BIGINT       NOT NULL,
    PRIMARY KEY (name, incident_id),
    CONSTRAINT fk_incident_alert_name_incident FOREIGN KEY (incident_id) REFERENCES incident (id) ON DELETE CASCADE
);
CREATE INDEX ix_incident_alert_name_incident ON incident_alert_name (incident_id);

INSERT INTO incident_alert_name (name, incident_id)
SELECT DISTINCT name, incident_id FROM alert WHERE incident_id IS NOT NULL;
