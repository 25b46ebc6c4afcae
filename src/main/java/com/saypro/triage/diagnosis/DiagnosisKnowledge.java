package com.saypro.triage.diagnosis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.saypro.triage.diagnosis.facts.SystemComponent;
import com.saypro.triage.diagnosis.facts.SystemWorkflow;
import com.saypro.triage.diagnosis.recognition.AlertCatalog;
import com.saypro.triage.diagnosis.recognition.AlertWords;
import com.saypro.triage.diagnosis.recognition.LogClassifier;
import com.saypro.triage.diagnosis.recognition.SignalReader;
import com.saypro.triage.knowledge.KbSystem;
import com.saypro.triage.knowledge.Systems;

/**
 * The knowledge a diagnosis reads signals with: the alert catalog, the word inference and the
 * log classifiers (the catalog and the word dictionary from {@code TRIAGE_KB_SEED_DIR}, else
 * {@code ./kb-seed}, else the jar), and what the knowledge base says about each system.
 */
@Component
public class DiagnosisKnowledge {

    private final SignalReader reader;
    private final Function<String, Optional<KbSystem>> systems;

    @Autowired
    public DiagnosisKnowledge(@Value("${triage.kb-seed-dir:}") String configuredDir, Systems systems) {
        this(seedDirectory(configuredDir), systems::system);
    }

    /** Without a database: the systems as the seed folder describes them. */
    public static DiagnosisKnowledge fromSeed(Path seedDir) {
        return fromSeed(seedDir, true);
    }

    /**
     * Without a database; {@code withCatalog} false reads every alert from its words alone, to
     * measure how the word inference does on alerts the catalog does not know.
     */
    public static DiagnosisKnowledge fromSeed(Path seedDir, boolean withCatalog) {
        Map<String, KbSystem> byCode = Systems.fromSeed(seedDir).stream()
                .collect(Collectors.toMap(KbSystem::code, s -> s));
        return new DiagnosisKnowledge(seedDir, code -> Optional.ofNullable(byCode.get(code)), withCatalog);
    }

    private DiagnosisKnowledge(Path dir, Function<String, Optional<KbSystem>> systems) {
        this(dir, systems, true);
    }

    private DiagnosisKnowledge(Path dir, Function<String, Optional<KbSystem>> systems, boolean withCatalog) {
        this.reader = new SignalReader(withCatalog ? AlertCatalog.load(dir) : AlertCatalog.empty(),
                AlertWords.load(dir)::infer,
                LogClassifier.standard()::classify);
        this.systems = systems;
    }

    public SignalReader reader() {
        return reader;
    }

    /** The system's workflows, components and priors; nothing for a system the knowledge base does not describe. */
    public SystemProfile profile(String system) {
        return systems.apply(system).map(DiagnosisKnowledge::profileOf).orElseGet(() -> SystemProfile.unknown(system));
    }

    private static SystemProfile profileOf(KbSystem s) {
        List<SystemWorkflow> workflows = s.workflows().stream()
                .map(w -> new SystemWorkflow(s.code(), w.code(), w.kind())).toList();
        List<SystemComponent> components = s.components().stream()
                .map(c -> new SystemComponent(s.code(), c.name(), c.role())).toList();
        return new SystemProfile(s.code(), workflows, components, t -> s.workflowOfTransaction(t).orElse(""),
                s.priors());
    }

    static Path seedDirectory(String configuredDir) {
        if (configuredDir != null && !configuredDir.isBlank()) {
            return Path.of(configuredDir).toAbsolutePath();
        }
        Path local = Path.of("kb-seed").toAbsolutePath();
        return Files.isRegularFile(local.resolve("causes.yaml")) ? local : null;
    }
}
