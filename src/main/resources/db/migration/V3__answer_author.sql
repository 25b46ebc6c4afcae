-- Who gave an answer (the analyst's name until sign-in exists, then the signed-in user).
ALTER TABLE answer ADD COLUMN answered_by VARCHAR(100);
