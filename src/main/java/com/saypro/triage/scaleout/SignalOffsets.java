package com.saypro.triage.scaleout;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import com.saypro.triage.support.Times;

/**
 * How far each partition of the signal topic is stored ({@code signal_offset}): the offset of
 * the first record not stored yet. A worker moves it in the transaction that stores the
 * records before it, so what the database holds and the offsets can never disagree; a record
 * delivered again is below the offset and skipped. The row of a partition, locked while a
 * batch is stored, also keeps two consumers that both believe they own a partition (one of
 * them cut off and not yet told) from storing the same records: the second waits, then skips.
 * The topic's id tells its offsets from those of a topic deleted and created again under the
 * same name, which start again from 0.
 */
class SignalOffsets {

    private final JdbcTemplate jdbc;

    SignalOffsets(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The next offset of each partition, as stored (0 for one never stored), read without a lock. */
    Map<Integer, Long> read(String topic, String topicId, Collection<Integer> partitions) {
        Map<Integer, Long> next = new TreeMap<>();
        if (partitions.isEmpty()) {
            return next;
        }
        jdbc.query("SELECT partition_no, topic_id, next_offset FROM signal_offset WHERE topic = ? AND partition_no IN ("
                + marks(partitions) + ")", rs -> {
                    next.put(rs.getInt(1), topicId.equals(rs.getString(2)) ? rs.getLong(3) : 0L);
                }, args(topic, partitions));
        partitions.forEach(p -> next.putIfAbsent(p, 0L));
        return next;
    }

    /**
     * Inside the storing transaction: locks the partitions' rows (creating those missing) until
     * it ends and returns their next offsets.
     */
    Map<Integer, Long> lock(String topic, String topicId, Collection<Integer> partitions) {
        List<Integer> present = jdbc.queryForList("SELECT partition_no FROM signal_offset WHERE topic = ?"
                + " AND partition_no IN (" + marks(partitions) + ")", Integer.class, args(topic, partitions));
        for (int partition : partitions.stream().filter(p -> !present.contains(p)).toList()) {
            try {
                jdbc.update("INSERT INTO signal_offset (topic, partition_no, topic_id, next_offset, updated_at)"
                        + " VALUES (?, ?, ?, 0, ?)", topic, partition, topicId, Times.toDb(Times.now()));
            } catch (DuplicateKeyException raced) {
                // Another worker made it a moment ago; the locking read below waits for its transaction.
            }
        }
        Map<Integer, Long> next = new TreeMap<>();
        jdbc.query("SELECT partition_no, topic_id, next_offset FROM signal_offset WHERE topic = ? AND partition_no IN ("
                + marks(partitions) + ") ORDER BY partition_no FOR UPDATE", rs -> {
                    next.put(rs.getInt(1), topicId.equals(rs.getString(2)) ? rs.getLong(3) : 0L);
                }, args(topic, partitions));
        return next;
    }

    /** Inside the storing transaction, after the records: the partitions' new next offsets. */
    void advance(String topic, String topicId, Map<Integer, Long> next) {
        Object now = Times.toDb(Times.now());
        jdbc.batchUpdate("UPDATE signal_offset SET next_offset = ?, topic_id = ?, updated_at = ? WHERE topic = ?"
                + " AND partition_no = ?", next.entrySet().stream()
                        .map(e -> new Object[] { e.getValue(), topicId, now, topic, e.getKey() }).toList());
    }

    private static String marks(Collection<Integer> partitions) {
        return String.join(",", java.util.Collections.nCopies(partitions.size(), "?"));
    }

    private static Object[] args(String topic, Collection<Integer> partitions) {
        Object[] args = new Object[partitions.size() + 1];
        args[0] = topic;
        int i = 1;
        for (int partition : partitions) {
            args[i++] = partition;
        }
        return args;
    }
}
