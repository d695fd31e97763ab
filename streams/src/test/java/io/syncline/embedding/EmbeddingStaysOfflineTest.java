package io.syncline.embedding;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Loading a model, tokenizing and embedding contact no address, even in a JVM started without OPT_OUT_TRACKING
 * in its environment: DJL, under LangChain4j's in-process models, calls http://169.254.169.254 unless told not to,
 * once per JVM, so each case runs in a fresh JVM ({@link OfflineProbe}). The control shows that the probe does
 * see DJL's attempt when nothing prevents it.
 */
class EmbeddingStaysOfflineTest {

    @Test
    void theNodesWayOfLoadingModelsContactsNoAddressEvenWithoutTheEnvironmentVariable() throws Exception {
        List<String> output = probe("syncline");

        assertThat(output).contains("done");
        assertThat(output).noneMatch(line -> line.startsWith("attempt"));
    }

    @Test
    void controlDjlLoadedWithoutPrecautionTriesToPhoneHome() throws Exception {
        List<String> output = probe("bare");

        assertThat(output).contains("done");
        assertThat(output).anyMatch(line -> line.startsWith("attempt http://169.254.169.254"));
    }

    private static List<String> probe(String mode) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-Dlogback.configurationFile=" + System.getProperty("logback.configurationFile", ""),
                "-cp", System.getProperty("java.class.path"), OfflineProbe.class.getName(), mode)
                .redirectErrorStream(true);
        builder.environment().remove("OPT_OUT_TRACKING");
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new String(output, StandardCharsets.UTF_8).lines().toList();
    }
}
