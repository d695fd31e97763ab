package io.syncline.source;

import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes {@code @TempDir} work on a clean checkout: Surefire points {@code java.io.tmpdir} at {@code target/tmp}, which
 * nothing creates, and JUnit's default factory fails when it is missing. It only ever creates directories under that
 * tmpdir. Drop it once the build creates the directory.
 */
public final class CreatingTempDirFactory implements TempDirFactory {

    @Override
    public Path createTempDirectory(AnnotatedElementContext elementContext, ExtensionContext extensionContext)
            throws IOException {
        Path base = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        return Files.createTempDirectory(base, "junit");
    }
}
