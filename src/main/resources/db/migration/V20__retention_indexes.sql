-- Retention deletes signals and diagnosis runs by age, oldest first, in batches.
CREATE INDEX ix_metric_time ON metric_sample (occurred_at);
CREATE INDEX ix_log_time ON log_event (occurred_at);
CREATE INDEX ix_trace_time ON transaction_trace (occurred_at);
CREATE INDEX ix_change_time ON change_event (occurred_at);
CREATE INDEX ix_run_time ON diagnosis_run (computed_at);
