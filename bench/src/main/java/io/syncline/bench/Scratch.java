package io.syncline.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A temporary directory of one benchmark run (corpus repositories, checkouts), deleted when closed. */
final class Scratch implements AutoCloseable {

    private final Path directory;

    Scratch(String name) throws IOException {
        this.directory = Files.createTempDirectory("syncline-bench-" + name);
    }

    Path resolve(String name) {
        return directory.resolve(name);
    }

    @Override
    public void close() {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }
}
