-- Rule statistics: per rule and UTC day, in how many diagnosis runs the rule fired and in how
-- many of those it voted for the cause that came out first, and when it last fired that day.
-- Counted in memory and added here every few seconds (an UPDATE, else an INSERT); the runs
-- that rank questions (what-ifs) are not counted.
CREATE TABLE rule_stat_day (
    rule_name     VARCHAR(300) NOT NULL,
    stat_day      DATE         NOT NULL,
    fired         INT          NOT NULL DEFAULT 0,
    ranked_first  INT          NOT NULL DEFAULT 0,
    last_fired_at DATETIME(3)  NOT NULL,
    PRIMARY KEY (rule_name, stat_day)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX ix_rule_stat_day ON rule_stat_day (stat_day);
