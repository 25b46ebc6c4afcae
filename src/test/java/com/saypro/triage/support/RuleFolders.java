package com.saypro.triage.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Copies of the project's rule folder, for tests that change rule files or publish rules. */
public final class RuleFolders {

    private RuleFolders() {
    }

    /** Makes {@code target} hold exactly the .drl files of {@code source}, in their folders. */
    public static void copy(Path source, Path target) {
        try {
            if (Files.exists(target)) {
                try (Stream<Path> old = Files.walk(target)) {
                    for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            try (Stream<Path> files = Files.walk(source)) {
                for (Path p : files.filter(f -> f.toString().endsWith(".drl")).toList()) {
                    Path to = target.resolve(source.relativize(p).toString());
                    Files.createDirectories(to.getParent());
                    Files.copy(p, to);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not copy the rules of " + source + " into " + target, e);
        }
    }
}
