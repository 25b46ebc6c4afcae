-- One row counted up by every change of causes, playbooks or questions (an edit, the seed):
-- each node keeps the knowledge base in memory and reads it again when the count moves.
CREATE TABLE knowledge_revision (
    id       INT    NOT NULL PRIMARY KEY,
    revision BIGINT NOT NULL
);
INSERT INTO knowledge_revision (id, revision) VALUES (1, 0);
