package com.saypro.triage.diagnosis.recognition;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import com.saypro.triage.diagnosis.facts.Alert;
import com.saypro.triage.diagnosis.facts.AlertReading;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The alert vocabulary of the exporters people run, as data: {@code kb-seed/alerts/*.yaml},
 * one file per exporter family, each entry mapping alert names (a regular expression matched
 * against the whole name, case-insensitively) to the symptom they report, the resource, the
 * kind of failure and the role of the part concerned. Files are tried in name order and
 * entries in file order; the first match wins.
 */
public final class AlertCatalog {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private static final Pattern SYMPTOM_CODE = Pattern.compile("[A-Z][A-Z0-9_]*");

    /** One catalog entry; {@code where} lists the labels naming the affected part, first present wins. */
    public record Entry(String family, String match, Pattern pattern, String symptom, String resource, String kind,
            String role, List<String> where, Map<String, Pattern> labels, String origin) {

        boolean matches(Alert alert) {
            return alert.getName() != null && pattern.matcher(alert.getName()).matches() && labelsMatch(alert);
        }

        boolean labelsMatch(Alert alert) {
            for (Map.Entry<String, Pattern> label : labels.entrySet()) {
                if (!label.getValue().matcher(alert.label(label.getKey())).matches()) {
                    return false;
                }
            }
            return true;
        }
    }

    record SeedFile(String family, List<SeedEntry> alerts, String source) {
    }

    record SeedEntry(String match, String symptom, String resource, String kind, String role, List<String> where,
            Map<String, String> labels, String note) {
    }

    private final List<Entry> entries;

    AlertCatalog(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static AlertCatalog empty() {
        return new AlertCatalog(List.of());
    }

    public List<Entry> entries() {
        return entries;
    }

    /**
     * The entries whose name pattern matches each alert name, in file order, found once per
     * name: a diagnosis reads every alert of its incident, and names repeat far more than they vary.
     */
    private final Map<String, List<Entry>> entriesByName = new ConcurrentHashMap<>();

    /** The first entry that recognises the alert. */
    public Optional<Entry> match(Alert alert) {
        if (alert.getName() == null) {
            return Optional.empty();
        }
        if (entriesByName.size() > 50_000) {
            entriesByName.clear();
        }
        List<Entry> named = entriesByName.computeIfAbsent(alert.getName(),
                name -> entries.stream().filter(e -> e.pattern().matcher(name).matches()).toList());
        for (Entry entry : named) {
            if (entry.labelsMatch(alert)) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    /** What the catalog reads in the alert, if it knows it. */
    public Optional<AlertReading> read(Alert alert) {
        return match(alert).map(e -> new AlertReading(alert.getId(), alert.getName(), alert.getSystem(),
                where(alert, e), alert.isFiring(), alert.isCritical(), e.symptom(), e.resource(), e.kind(), e.role(),
                e.family(), AlertReading.CATALOG, e.match()));
    }

    private static String where(Alert alert, Entry entry) {
        for (String label : entry.where()) {
            String value = alert.label(label);
            if (!value.isEmpty()) {
                return value;
            }
        }
        return alert.getComponent() == null ? "" : alert.getComponent();
    }

    /**
     * Reads {@code alerts/*.yaml} under the seed folder, or the copy in the jar when
     * {@code seedDir} is null. A broken file stops with the file and entry named.
     */
    public static AlertCatalog load(Path seedDir) {
        List<Entry> entries = new ArrayList<>();
        if (seedDir != null) {
            Path dir = seedDir.resolve("alerts");
            if (!Files.isDirectory(dir)) {
                return empty();
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".yaml"))
                        .sorted(Comparator.comparing(f -> f.getFileName().toString())).toList()) {
                    try (InputStream in = Files.newInputStream(file)) {
                        entries.addAll(parse(in, file.toString()));
                    }
                }
            } catch (IOException e) {
                throw new CatalogException("cannot read the alert catalog in " + dir + ": " + e.getMessage());
            }
        } else {
            try {
                Resource[] resources = new PathMatchingResourcePatternResolver()
                        .getResources("classpath*:kb-seed/alerts/*.yaml");
                java.util.Arrays.sort(resources, Comparator.comparing(r -> String.valueOf(r.getFilename())));
                for (Resource resource : resources) {
                    try (InputStream in = resource.getInputStream()) {
                        entries.addAll(parse(in, "classpath:kb-seed/alerts/" + resource.getFilename()));
                    }
                }
            } catch (IOException e) {
                throw new CatalogException("cannot read the alert catalog in the jar: " + e.getMessage());
            }
        }
        return new AlertCatalog(entries);
    }

    static List<Entry> parse(InputStream in, String where) {
        SeedFile file;
        try {
            JsonNode root = YAML.readTree(in);
            file = YAML.treeToValue(root, SeedFile.class);
        } catch (JacksonException e) {
            throw new CatalogException(where + ": " + e.getOriginalMessage());
        }
        if (file == null || file.family() == null || file.family().isBlank() || file.alerts() == null) {
            throw new CatalogException(where + ": expected 'family:' and a list 'alerts:'");
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < file.alerts().size(); i++) {
            SeedEntry e = file.alerts().get(i);
            String origin = where + ", entry " + (i + 1);
            if (e.match() == null || e.match().isBlank()) {
                throw new CatalogException(origin + ": 'match' is missing");
            }
            if (e.symptom() == null || !SYMPTOM_CODE.matcher(e.symptom()).matches()) {
                throw new CatalogException(origin + " (" + e.match() + "): 'symptom' must be a symptom code such as "
                        + "DISK_FULL, was " + e.symptom());
            }
            Map<String, Pattern> labels = new LinkedHashMap<>();
            try {
                Pattern pattern = Pattern.compile(e.match(), Pattern.CASE_INSENSITIVE);
                if (e.labels() != null) {
                    for (Map.Entry<String, String> label : e.labels().entrySet()) {
                        labels.put(label.getKey(), Pattern.compile(label.getValue(), Pattern.CASE_INSENSITIVE));
                    }
                }
                entries.add(new Entry(file.family(), e.match(), pattern, e.symptom(), nullToEmpty(e.resource()),
                        nullToEmpty(e.kind()), nullToEmpty(e.role()), e.where() == null ? List.of() : e.where(),
                        labels, origin));
            } catch (PatternSyntaxException ex) {
                throw new CatalogException(origin + ": not a valid regular expression: " + ex.getDescription()
                        + " in " + ex.getPattern());
            }
        }
        return entries;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** The catalog cannot be read; the message names the file and entry. */
    public static final class CatalogException extends RuntimeException {
        public CatalogException(String message) {
            super(message);
        }
    }
}
