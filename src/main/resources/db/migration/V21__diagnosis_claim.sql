-- Nodes sharing the database diagnose an incident one at a time: a node claims the incident
-- (compare and set: free, or its lease ran out) before diagnosing it and frees it afterwards.
-- diagnosis_claimed_until is the end of the lease, so a node that stopped mid-diagnosis holds
-- nothing for long. No transaction or row lock is held while the rules run.
ALTER TABLE incident ADD COLUMN diagnosis_claimed_by VARCHAR(100);
ALTER TABLE incident ADD COLUMN diagnosis_claimed_until DATETIME(3);
