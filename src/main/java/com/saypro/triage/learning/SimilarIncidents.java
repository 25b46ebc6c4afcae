package com.saypro.triage.learning;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.saypro.triage.support.Times;

/**
 * Past incidents like this one: resolved incidents compared by what they showed. The
 * similarity (0..1) weighs the alert names they share ({@value #NAMES_WEIGHT}, Jaccard), the
 * symptom families they share ({@value #FAMILIES_WEIGHT}, Jaccard) and being on the same system
 * ({@value #SYSTEM_WEIGHT}). Candidates are the resolved incidents sharing an alert name, and
 * the latest resolved incidents of the same system.
 */
@Service
public class SimilarIncidents {

    static final double NAMES_WEIGHT = 0.6;
    static final double FAMILIES_WEIGHT = 0.25;
    static final double SYSTEM_WEIGHT = 0.15;
    /** Below this an incident is not shown as similar. */
    public static final double SHOWN_FROM = 0.3;
    private static final int CANDIDATES = 500;

    /** How many incidents' alert names are kept in memory (a few hundred bytes each). */
    private static final int CACHED_NAMES = 20_000;

    private final JdbcClient jdbc;

    private record CachedNames(int revision, Set<String> names) {
    }

    /** The alert names of the incidents compared last, least recently used dropped first. */
    private final Map<Long, CachedNames> namesCache = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, CachedNames> eldest) {
                    return size() > CACHED_NAMES;
                }
            });

    public SimilarIncidents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A resolved incident like the one asked about: how it was resolved ({@code resolution},
     * {@code confirmedCause}, {@code fix}) and what the rules ranked first ({@code topCause}).
     */
    public record Similar(long id, String system, String title, double similarity, String resolution,
            String confirmedCause, String fix, String topCause, Instant resolvedAt, int reopened) {
    }

    /** An incident as stored, before its alert names are added. */
    private record Row(long id, int revision, String system, String title, String families, String resolution,
            String confirmedCause, String fix, String topCause, Instant resolvedAt, int reopened) {
    }

    private record Profile(long id, String system, String title, Set<String> names, Set<String> families,
            String resolution, String confirmedCause, String fix, String topCause, Instant resolvedAt, int reopened) {
    }

    /** The most similar resolved incidents first (at least {@link #SHOWN_FROM}); empty for an unknown incident. */
    public List<Similar> similarTo(long incidentId, int limit) {
        Optional<Profile> target = profiles(List.of(incidentId)).stream().findFirst();
        if (target.isEmpty()) {
            return List.of();
        }
        Profile t = target.get();
        Set<Long> ids = new LinkedHashSet<>();
        ids.addAll(sharingAName(t.names(), incidentId));
        ids.addAll(jdbc.sql("SELECT id FROM incident WHERE system_name = ? AND resolved_at IS NOT NULL"
                + " AND merged_into IS NULL AND id <> ? ORDER BY resolved_at DESC, id DESC LIMIT " + CANDIDATES)
                .params(t.system(), incidentId).query(Long.class).list());
        ids.remove(incidentId);
        List<Similar> similar = scored(t, ids, SHOWN_FROM);
        similar.sort(Comparator.comparingDouble(Similar::similarity).reversed()
                .thenComparing(Similar::resolvedAt, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(Comparator.comparingLong(Similar::id).reversed()));
        return similar.size() > limit ? List.copyOf(similar.subList(0, limit)) : similar;
    }

    /**
     * The {@value #CANDIDATES} newest resolved incidents (merged ones aside) that hold an alert of
     * one of these names, newest first. Name by name, the incidents holding it are read from
     * {@code incident_alert_name} backwards along its key (name, incident), so what is read is
     * incidents, not their alerts: reading a common name's alerts was tens of thousands of rows
     * for an alert storm's incident.
     */
    private List<Long> sharingAName(Set<String> names, long incidentId) {
        java.util.SortedSet<Long> found = new TreeSet<>(Comparator.reverseOrder());
        for (String name : names) {
            found.addAll(jdbc.sql("SELECT n.incident_id FROM incident_alert_name n JOIN incident i ON i.id = n.incident_id"
                    + " WHERE n.name = :name AND n.incident_id <> :id AND i.resolved_at IS NOT NULL"
                    + " AND i.merged_into IS NULL ORDER BY n.incident_id DESC LIMIT " + CANDIDATES)
                    .param("name", name).param("id", incidentId).query(Long.class).list());
        }
        return found.stream().limit(CANDIDATES).toList();
    }

    /**
     * The resolved incidents of the incident's own system at least {@code minimum} alike, the
     * latest resolved first, from the {@code recent} latest that share an alert name with it:
     * what learning reads on every diagnosis, so it looks no further (without a shared alert
     * name an incident is at most {@value #FAMILIES_WEIGHT} + {@value #SYSTEM_WEIGHT} alike).
     */
    public List<Similar> onItsSystem(long incidentId, double minimum, int recent) {
        Optional<Profile> target = profiles(List.of(incidentId)).stream().findFirst();
        if (target.isEmpty() || target.get().names().isEmpty()) {
            return List.of();
        }
        Profile t = target.get();
        List<Long> ids = jdbc.sql("SELECT i.id FROM incident i WHERE i.system_name = :system AND i.resolved_at IS NOT NULL"
                + " AND i.merged_into IS NULL AND i.id <> :id AND EXISTS (SELECT 1 FROM alert a WHERE a.incident_id = i.id"
                + " AND a.name IN (:names)) ORDER BY i.resolved_at DESC, i.id DESC LIMIT " + recent)
                .param("system", t.system()).param("id", incidentId).param("names", t.names()).query(Long.class).list();
        List<Similar> similar = scored(t, ids, minimum);
        similar.sort(Comparator.comparing(Similar::resolvedAt, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(Comparator.comparingLong(Similar::id).reversed()));
        return similar;
    }

    /** The incidents of {@code ids} at least {@code minimum} alike to {@code t}, unordered. */
    private List<Similar> scored(Profile t, Collection<Long> ids, double minimum) {
        List<Similar> similar = new ArrayList<>();
        for (Profile p : profiles(List.copyOf(ids))) {
            double score = NAMES_WEIGHT * jaccard(t.names(), p.names())
                    + FAMILIES_WEIGHT * jaccard(t.families(), p.families())
                    + (t.system().equals(p.system()) ? SYSTEM_WEIGHT : 0);
            score = Math.round(score * 1000) / 1000.0;
            if (score >= minimum) {
                similar.add(new Similar(p.id(), p.system(), p.title(), score, p.resolution(), p.confirmedCause(),
                        p.fix(), p.topCause(), p.resolvedAt(), p.reopened()));
            }
        }
        return similar;
    }

    private List<Profile> profiles(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Profile> profiles = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += 500) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            List<Row> rows = jdbc.sql("SELECT id, facts_revision, system_name, title, symptom_families, resolution,"
                    + " confirmed_cause, fix_applied, top_cause_code, resolved_at, reopen_count FROM incident"
                    + " WHERE id IN (:ids)").param("ids", chunk)
                    .query((rs, n) -> new Row(rs.getLong("id"), rs.getInt("facts_revision"), rs.getString("system_name"),
                            rs.getString("title"), rs.getString("symptom_families"), rs.getString("resolution"),
                            rs.getString("confirmed_cause"), rs.getString("fix_applied"), rs.getString("top_cause_code"),
                            Times.fromDb(rs, "resolved_at"), rs.getInt("reopen_count")))
                    .list();
            Map<Long, Set<String>> names = names(rows.stream().collect(java.util.stream.Collectors.toMap(Row::id,
                    Row::revision)));
            rows.forEach(r -> profiles.add(new Profile(r.id(), r.system(), r.title(), names.get(r.id()),
                    families(r.families()), r.resolution(), r.confirmedCause(), r.fix(), r.topCause(), r.resolvedAt(),
                    r.reopened())));
        }
        return profiles;
    }

    /**
     * The alert names of each incident at its facts revision (which changes whenever alerts join or
     * leave it, as stored diagnoses rely on too): from the cache, and read for the rest. A page of
     * similar incidents compares a thousand candidates, whose alerts rarely change once resolved.
     */
    private Map<Long, Set<String>> names(Map<Long, Integer> revisions) {
        Map<Long, Set<String>> names = new HashMap<>();
        List<Long> missing = new ArrayList<>();
        revisions.forEach((id, revision) -> {
            CachedNames cached = namesCache.get(id);
            if (cached != null && cached.revision() == revision) {
                names.put(id, cached.names());
            } else {
                missing.add(id);
            }
        });
        if (!missing.isEmpty()) {
            Map<Long, Set<String>> read = new HashMap<>();
            missing.forEach(id -> read.put(id, new TreeSet<>()));
            jdbc.sql("SELECT DISTINCT incident_id, name FROM alert WHERE incident_id IN (:ids)").param("ids", missing)
                    .query(rs -> {
                        read.get(rs.getLong(1)).add(rs.getString(2));
                    });
            // Read after the revision: names newer than it are cached under it, and read again next time.
            read.forEach((id, set) -> {
                Set<String> frozen = Set.copyOf(set);
                namesCache.put(id, new CachedNames(revisions.get(id), frozen));
                names.put(id, frozen);
            });
        }
        return names;
    }

    private static Set<String> families(String stored) {
        if (stored == null || stored.isBlank()) {
            return Set.of();
        }
        Set<String> families = new HashSet<>();
        Arrays.stream(stored.split(",")).map(String::strip).filter(f -> !f.isEmpty()).forEach(families::add);
        return families;
    }

    static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        Set<String> union = new HashSet<>(a);
        union.addAll(b);
        int shared = 0;
        for (String s : a) {
            if (b.contains(s)) {
                shared++;
            }
        }
        return (double) shared / union.size();
    }
}
