package com.saypro.triage.support;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns {@code triage.data-dir} (TRIAGE_DATA_DIR, default ./data) into the absolute path the
 * embedded database's URL needs as {@code triage.h2-path}: H2 refuses a relative path such
 * as "data/triage" that does not start with "./".
 */
public class DataDirectory implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String dir = environment.getProperty("triage.data-dir", "./data");
        Path h2 = Path.of(dir).toAbsolutePath().normalize().resolve("triage");
        environment.getPropertySources().addLast(new MapPropertySource("triageDataDirectory",
                Map.of("triage.h2-path", h2.toString().replace('\\', '/'))));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
