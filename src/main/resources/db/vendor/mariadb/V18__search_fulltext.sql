-- MariaDB answers the knowledge search from its full-text indexes (natural language mode): one
-- over title and text to find entries, one over the title so that a match there ranks higher.
CREATE FULLTEXT INDEX ft_search_entry ON search_entry (title, body);
CREATE FULLTEXT INDEX ft_search_entry_title ON search_entry (title);
