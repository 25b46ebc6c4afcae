package com.saypro.triage.monitoring;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.core.io.ClassPathResource;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.saypro.triage.knowledge.KbSeedException;
import com.saypro.triage.monitoring.stream.Threshold;
import com.saypro.triage.web.FieldError;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reads and checks kb-seed/thresholds.yaml; a wrong entry stops the start-up, named. */
final class ThresholdsSeed {

    static final String FILE = "thresholds.yaml";
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private ThresholdsSeed() {
    }

    /** One entry as written: {@code for} a duration ("5m"), {@code samples} "N of M"; no system: every system. */
    record Entry(String system, String metric, String alert, String comparison, Double value, Double clear,
            @JsonProperty("for") String forDuration, String samples, String severity) {
    }

    /** The seed folder's thresholds (the jar's copy when {@code dir} is null); none when the file is absent. */
    static List<ThresholdSetting> read(Path dir) {
        String where = dir == null ? "classpath:kb-seed/" + FILE : dir.resolve(FILE).toString();
        boolean present = dir == null ? new ClassPathResource("kb-seed/" + FILE).exists()
                : Files.isRegularFile(dir.resolve(FILE));
        if (!present) {
            return List.of();
        }
        try (InputStream in = dir == null ? new ClassPathResource("kb-seed/" + FILE).getInputStream()
                : Files.newInputStream(dir.resolve(FILE))) {
            JsonNode items = YAML.readTree(in).get("thresholds");
            if (items == null || !items.isArray()) {
                throw new KbSeedException(where + ": expected a top-level list 'thresholds:'");
            }
            List<ThresholdSetting> settings = new ArrayList<>();
            Set<String> keys = new HashSet<>();
            for (int i = 0; i < items.size(); i++) {
                ThresholdSetting setting = setting(where, i, items.get(i));
                if (!keys.add(setting.system() + "/" + setting.metric())) {
                    throw new KbSeedException(where + ": entry " + (i + 1) + ": a second threshold for "
                            + setting.metric() + " on " + Thresholds.label(setting.system()));
                }
                settings.add(setting);
            }
            return settings;
        } catch (IOException | JacksonException e) {
            throw new KbSeedException("Cannot read the knowledge-base seed " + where + ": " + e.getMessage(), e);
        }
    }

    private static ThresholdSetting setting(String where, int i, JsonNode item) {
        Entry e;
        try {
            e = YAML.treeToValue(item, Entry.class);
        } catch (JacksonException ex) {
            throw new KbSeedException(where + ": entry " + (i + 1) + " of 'thresholds': " + ex.getOriginalMessage());
        }
        int[] samples = ThresholdSetting.samples(e.samples());
        ThresholdSetting setting = new ThresholdSetting(e.system() == null ? Threshold.EVERY_SYSTEM : e.system(),
                e.metric(), e.alert(), e.comparison(), e.value(), e.clear(), ThresholdSetting.seconds(e.forDuration()),
                samples == null ? null : samples[0], samples == null ? null : samples[1], e.severity());
        List<FieldError> problems = setting.problems();
        if (!problems.isEmpty()) {
            throw new KbSeedException(where + ": entry " + (i + 1) + " (" + e.metric() + "): " + problems.get(0).field()
                    + " " + problems.get(0).message());
        }
        return setting;
    }
}
