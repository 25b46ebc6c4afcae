-- open_system is read and written by nothing since V7 (which dropped its unique index: grouping
-- locks the system's row instead). No index or constraint refers to it any more.
ALTER TABLE incident DROP COLUMN open_system;
