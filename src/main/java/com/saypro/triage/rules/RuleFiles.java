package com.saypro.triage.rules;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Reads the DRL files of a rule directory, or of the copy packed in the jar. The folder
 * {@value #STREAM_FOLDER} holds the threshold rules, which run in their own stream session
 * (package {@code monitoring}); the diagnosis rule base is every other file.
 */
public final class RuleFiles {

    private static final String CLASSPATH_ROOT = "rules/";
    public static final String STREAM_FOLDER = "thresholds/";

    private RuleFiles() {
    }

    /** The diagnosis rules of a directory. */
    public static List<RuleSource> fromDirectory(Path dir) {
        return allFromDirectory(dir).stream().filter(s -> !s.path().startsWith(STREAM_FOLDER)).toList();
    }

    /** The threshold rules of a directory. */
    public static List<RuleSource> streamFromDirectory(Path dir) {
        return allFromDirectory(dir).stream().filter(s -> s.path().startsWith(STREAM_FOLDER)).toList();
    }

    /** The diagnosis rules packed in the jar. */
    public static List<RuleSource> fromClasspath() {
        return allFromClasspath().stream().filter(s -> !s.path().startsWith(STREAM_FOLDER)).toList();
    }

    /** The threshold rules packed in the jar. */
    public static List<RuleSource> streamFromClasspath() {
        return allFromClasspath().stream().filter(s -> s.path().startsWith(STREAM_FOLDER)).toList();
    }

    private static List<RuleSource> allFromDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("Rule directory " + dir.toAbsolutePath() + " does not exist");
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            List<RuleSource> sources = new ArrayList<>();
            for (Path file : paths.filter(p -> p.toString().endsWith(".drl") && Files.isRegularFile(p)).sorted()
                    .toList()) {
                String relative = dir.relativize(file).toString().replace('\\', '/');
                sources.add(new RuleSource(relative, Files.readString(file, StandardCharsets.UTF_8)));
            }
            return sources;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read rule directory " + dir.toAbsolutePath(), e);
        }
    }

    private static List<RuleSource> allFromClasspath() {
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver()
                    .getResources("classpath*:" + CLASSPATH_ROOT + "**/*.drl");
            List<RuleSource> sources = new ArrayList<>();
            for (Resource resource : resources) {
                String url = resource.getURL().toString();
                int at = url.lastIndexOf("/" + CLASSPATH_ROOT);
                String relative = url.substring(at + CLASSPATH_ROOT.length() + 1);
                try (InputStream in = resource.getInputStream()) {
                    sources.add(new RuleSource(relative, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                }
            }
            return sources;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the rules packed in the application", e);
        }
    }
}
