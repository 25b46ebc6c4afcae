package com.saypro.triage.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.NestedExceptionUtils;

import com.saypro.triage.TriageApplication;

class StartUpWithBrokenRulesTests {

    @Test
    void shouldRefuseToStartWhenARuleFileDoesNotCompile() {
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(TriageApplication.class)
                .run("--triage.rules-dir=src/test/resources/broken-rules", "--server.port=0",
                        "--spring.datasource.url=jdbc:h2:mem:broken-start;MODE=MariaDB;DATABASE_TO_LOWER=TRUE",
                        "--spring.main.banner-mode=off")
                .close());

        Throwable root = NestedExceptionUtils.getMostSpecificCause(failure);
        assertThat(root).isInstanceOf(RuleCompilationException.class)
                .hasMessageContaining("infra/Broken.drl:")
                .hasMessageContaining("infra/Typo.drl:");
    }
}
