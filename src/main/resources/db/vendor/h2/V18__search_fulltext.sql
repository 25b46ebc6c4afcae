-- The embedded database has no full-text index here: the knowledge search scores matches itself
-- (see KnowledgeSearch). This version keeps both databases' migration histories alike.
SELECT 1;
