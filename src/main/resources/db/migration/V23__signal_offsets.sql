-- Scale-out over Kafka (ADR 0006): how far each partition of the signal topic is stored.
-- next_offset is the offset of the partition's first record not stored yet; a worker moves it
-- in the transaction that stores the records before it, so a record delivered again (after a
-- crash or a rebalance) is skipped, and locks the row meanwhile, so two consumers of one
-- partition never store a record twice. topic_id is Kafka's id of the topic: offsets of a
-- topic deleted and created again under the same name do not apply to the new one.
CREATE TABLE signal_offset (
    topic        VARCHAR(249) NOT NULL,
    partition_no INT          NOT NULL,
    topic_id     VARCHAR(32)  NOT NULL,
    next_offset  BIGINT       NOT NULL,
    updated_at   DATETIME(3)  NOT NULL,
    PRIMARY KEY (topic, partition_no)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
