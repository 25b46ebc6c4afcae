package com.saypro.triage.scaleout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a worker diagnosed which incident, read from its log (OwnedDiagnoses at DEBUG writes a
 * line as it starts and as it ends each one). A diagnosis without an end ran until
 * {@code cutOff} (the worker was killed), or is running still.
 */
final class DiagnosisLog {

    private static final Pattern START = Pattern.compile(
            "^(\\S+)\\s+DEBUG .* Diagnosing incident (\\d+) of (\\S+) \\(partition (\\d+)\\)$");
    private static final Pattern END = Pattern.compile("^(\\S+)\\s+DEBUG .* Diagnosed incident (\\d+)$");

    record Diagnosis(long incident, int partition, Instant start, Instant end) {

        boolean overlaps(Diagnosis other) {
            return incident == other.incident && start.isBefore(other.end) && other.start.isBefore(end);
        }
    }

    private final List<Diagnosis> diagnoses = new ArrayList<>();
    private int ended;

    static DiagnosisLog read(Path log, Instant cutOff) throws IOException {
        DiagnosisLog read = new DiagnosisLog();
        Map<Long, Matcher> open = new HashMap<>();
        for (String line : Files.readAllLines(log)) {
            Matcher start = START.matcher(line);
            Matcher end = END.matcher(line);
            if (start.matches()) {
                open.put(Long.parseLong(start.group(2)), start);
            } else if (end.matches()) {
                Matcher started = open.remove(Long.parseLong(end.group(2)));
                if (started != null) {
                    read.add(started, at(end.group(1)));
                    read.ended++;
                }
            }
        }
        Instant stillRunning = cutOff != null ? cutOff : Instant.now();
        open.values().forEach(started -> read.add(started, stillRunning));
        return read;
    }

    private void add(Matcher start, Instant end) {
        diagnoses.add(new Diagnosis(Long.parseLong(start.group(2)), Integer.parseInt(start.group(4)),
                at(start.group(1)), end));
    }

    private static Instant at(String timestamp) {
        return OffsetDateTime.parse(timestamp).toInstant();
    }

    int size() {
        return diagnoses.size();
    }

    int ended() {
        return ended;
    }

    /** Each pair of diagnoses, this log's and the other's, of one incident at overlapping times. */
    List<String> overlapsWith(DiagnosisLog other) {
        List<String> overlaps = new ArrayList<>();
        for (Diagnosis mine : diagnoses) {
            for (Diagnosis theirs : other.diagnoses) {
                if (mine.overlaps(theirs)) {
                    overlaps.add(mine + " and " + theirs);
                }
            }
        }
        return overlaps;
    }

    /** The partitions of the systems whose incidents were diagnosed after that time. */
    Set<Integer> partitionsAfter(Instant time) {
        Set<Integer> partitions = new TreeSet<>();
        diagnoses.stream().filter(d -> d.start().isAfter(time)).forEach(d -> partitions.add(d.partition()));
        return partitions;
    }
}
