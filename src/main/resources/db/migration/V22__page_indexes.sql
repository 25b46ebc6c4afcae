-- Indexes the pages need over a year of incidents (10,000 and more):
-- GET /api/v1/incidents lists all incidents newest first, 200 at a time.
CREATE INDEX ix_incident_opened ON incident (opened_at, id);
-- The board's assignee filter offers the assignees incidents have.
CREATE INDEX ix_incident_assignee ON incident (assignee);
-- An incident's signals end where the next incident of its system begins (its facts, its timeline).
CREATE INDEX ix_incident_system_opened ON incident (system_name, opened_at);
-- Similar past incidents: the latest resolved incidents of the same system.
CREATE INDEX ix_incident_system_resolved ON incident (system_name, resolved_at);
