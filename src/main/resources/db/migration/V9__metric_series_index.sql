-- The health dashboard reads one system's metrics by name over a window (up to a week) and
-- the newest sample per metric. ix_metric_system_time (system_name, occurred_at) makes it
-- read every metric of the system in the window; this index goes straight to each metric's
-- range and holds the value too, so the week's buckets are computed from the index alone.
CREATE INDEX ix_metric_system_metric_time ON metric_sample (system_name, metric, occurred_at, metric_value);
