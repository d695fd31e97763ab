package io.syncline.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Where a chaos run keeps its state: a new directory per test class and start time under the module's
 * target/chaos-runs, where CI keeps it after a failure (Cassandra's data and logs, each node's home and log).
 */
final class ChaosRuns {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private ChaosRuns() {
    }

    /** A fresh directory for one run of {@code testClass}. */
    static Path newRun(Class<?> testClass) {
        Path run = root().resolve(testClass.getSimpleName() + "-" + LocalDateTime.now().format(STAMP));
        try {
            return Files.createDirectories(run);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the run directory " + run, e);
        }
    }

    /** The directory that holds every run's directory. */
    static Path root() {
        return Path.of(System.getProperty("chaos.runs", "target/chaos-runs")).toAbsolutePath().normalize();
    }

    /** The checkout, whose deploy/ scripts the run uses. */
    static Path checkout() {
        return Path.of(System.getProperty("syncline.checkout", "..")).toAbsolutePath().normalize();
    }

    /** The last {@code lines} lines of a log, for failure messages. */
    static String tail(Path log, int lines) {
        try {
            // lenient about bytes: a log cut off mid-character by a kill is still worth showing
            List<String> all = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
            return "the end of " + log + ":\n  " + String.join("\n  ", all.subList(Math.max(0, all.size() - lines),
                    all.size()));
        } catch (IOException e) {
            return "(no log at " + log + ": " + e.getMessage() + ")";
        }
    }
}
