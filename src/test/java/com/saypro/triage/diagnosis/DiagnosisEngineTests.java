package com.saypro.triage.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.saypro.triage.diagnosis.facts.Alert;
import com.saypro.triage.diagnosis.facts.CandidateCause;
import com.saypro.triage.diagnosis.facts.IncidentContext;
import com.saypro.triage.rules.CompiledRuleBase;
import com.saypro.triage.rules.RuleBaseCompiler;
import com.saypro.triage.rules.RuleFiles;
import com.saypro.triage.rules.FactMother;

class DiagnosisEngineTests {

    private final CompiledRuleBase failing = new RuleBaseCompiler().compile("test",
            RuleFiles.fromDirectory(Path.of("src/test/resources/failing-rules")));
    private final DiagnosisEngine engine = new DiagnosisEngine();

    @Test
    void shouldRecordAFailingRuleAndStillFireTheOthers() {
        EngineOutcome outcome = engine.run(failing.kieBase(), List.of(context(), FactMother.alert("HostDown", "rms")));

        assertThat(outcome.failures()).extracting(EngineOutcome.RuleFailure::rule)
                .containsExactly("A rule whose action throws");
        assertThat(outcome.failures().get(0).error()).contains("confidence");
        assertThat(outcome.votes()).extracting(CandidateCause::getCauseCode).containsExactly("HOST_DOWN");
        assertThat(outcome.firedRules()).contains("Unreachable host suggests host down");
    }

    @Test
    void shouldRecordARuleConditionThatThrowsAndKeepWhatTheOtherRulesFound() {
        CompiledRuleBase conditions = new RuleBaseCompiler().compile("test",
                RuleFiles.fromDirectory(Path.of("src/test/resources/failing-conditions")));

        EngineOutcome outcome = engine.run(conditions.kieBase(),
                List.of(context(), FactMother.alert("HostDown", "rms"), FactMother.alert("Boom", "rms")));

        assertThat(outcome.failures()).hasSize(1);
        assertThat(outcome.failures().get(0).error()).contains("condition failed on Boom");
        assertThat(outcome.votes()).extracting(CandidateCause::getCauseCode).containsExactly("HOST_DOWN");
    }

    @Test
    void shouldRecordTheRuleAndMatchedFactsBehindEveryDerivedFact() {
        Alert alert = FactMother.alert("HostDown", "rms");

        EngineOutcome outcome = engine.run(failing.kieBase(), List.of(context(), alert));

        CandidateCause vote = outcome.votes().get(0);
        EngineOutcome.Justification because = outcome.justification(vote);
        assertThat(because.rule()).isEqualTo("Unreachable host suggests host down");
        Object symptom = because.facts().get(0);
        assertThat(outcome.justification(symptom).rule()).isEqualTo("Host down alert shows the host unreachable");
        assertThat(outcome.justification(symptom).facts()).containsExactly(alert);
    }

    @Test
    void shouldGiveTheSameOutcomeForTheSameFacts() {
        List<Object> facts = List.of(context(), FactMother.alert("HostDown", "rms"));

        DiagnosisAssembler assembler = new DiagnosisAssembler(Map.of(), Map.of(), Map.of());
        FactSet set = new FactSet(context(), List.of((Alert) facts.get(1)), List.of(), List.of(), List.of(), List.of(),
                List.of());
        Diagnosis first = assembler.assemble(set, 1, "v", engine.run(failing.kieBase(), set.all()));
        Diagnosis second = assembler.assemble(set, 1, "v", engine.run(failing.kieBase(), set.all()));

        assertThat(second).isEqualTo(first);
        assertThat(first.candidates().get(0).confidence()).isEqualTo(0.7);
    }

    private static IncidentContext context() {
        return new IncidentContext(1, "rms", "critical", FactMother.OPENED_AT);
    }
}
