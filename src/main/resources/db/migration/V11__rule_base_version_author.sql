-- Who put a rule base version in use (a user, or "system" for the rule directory and start-up).
ALTER TABLE rule_base_version ADD COLUMN author VARCHAR(100);
