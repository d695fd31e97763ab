package io.syncline.embedding;

import ai.onnxruntime.OrtEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ONNX Runtime's native libraries are unpacked once per version under java.io.tmpdir and reused: starts of the node
 * (each a JVM of its own, {@link OnnxNativesProbe}) leave one directory there, whether they stop or are killed, and
 * sweep what earlier ones left. The control shows that ONNX Runtime alone leaves a directory at every start.
 */
class OnnxNativesTest {

    private static final List<String> LIBRARIES = List.of(System.mapLibraryName("onnxruntime"),
            System.mapLibraryName("onnxruntime4j_jni"));

    @TempDir
    Path tmp;

    @Test
    void twoStartsOnOneTmpdirLeaveOneDirectoryOfLibrariesWhetherKilledOrStopped() throws Exception {
        Path earlier = Files.createDirectories(tmp.resolve("onnxruntime-java4711")); // as releases before this left
        Files.writeString(earlier.resolve(LIBRARIES.get(0)), "unpacked by a JVM that was killed");
        Files.setLastModifiedTime(earlier, FileTime.from(Instant.now().minus(Duration.ofDays(1))));

        List<String> killed = probe("syncline", "crash");
        List<String> stopped = probe("syncline", "exit");

        List<String> left = onnxEntries();
        assertThat(left).hasSize(1);
        Path libraries = tmp.resolve(left.get(0));
        assertThat(left.get(0)).startsWith("onnxruntime-" + OrtEnvironment.class.getPackage()
                .getImplementationVersion() + "-");
        assertThat(killed).contains("native " + libraries, "done");
        assertThat(stopped).contains("native " + libraries, "done");
        try (Stream<Path> files = Files.list(libraries)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrderElementsOf(LIBRARIES);
        }
    }

    @Test
    void controlOnnxRuntimeOnItsOwnLeavesADirectoryAtEveryStart() throws Exception {
        probe("bare", "exit");
        probe("bare", "exit");

        assertThat(onnxEntries()).hasSize(2).allMatch(name -> name.startsWith(OnnxNatives.LEFTOVER_PREFIX));
    }

    @Test
    void jvmsExtractingAtOnceOnOneTmpdirShareOneWholeCopy() throws Exception {
        int starts = 4;
        CyclicBarrier together = new CyclicBarrier(starts);
        ExecutorService threads = Executors.newFixedThreadPool(starts);
        try {
            List<Future<Path>> extracted = new ArrayList<>();
            for (int i = 0; i < starts; i++) {
                extracted.add(threads.submit(() -> {
                    together.await(30, TimeUnit.SECONDS);
                    return OnnxNatives.extract(tmp).orElseThrow();
                }));
            }
            Path dir = extracted.get(0).get(60, TimeUnit.SECONDS);
            for (Future<Path> other : extracted) {
                assertThat(other.get(60, TimeUnit.SECONDS)).isEqualTo(dir);
            }
            assertThat(onnxEntries()).containsExactly(dir.getFileName().toString());
            assertWhole(dir);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aDirectoryThatLostALibraryIsExtractedAgain() throws Exception {
        Path dir = OnnxNatives.extract(tmp).orElseThrow();
        Files.delete(dir.resolve(LIBRARIES.get(0)));
        Files.write(dir.resolve(LIBRARIES.get(1)), new byte[] {1, 2, 3});

        assertThat(OnnxNatives.extract(tmp)).contains(dir);

        assertThat(onnxEntries()).containsExactly(dir.getFileName().toString());
        assertWhole(dir);
    }

    @Test
    void theSweepKeepsDirectoriesMadeSinceThisJvmStarted() throws Exception {
        Instant started = Instant.now().minus(Duration.ofMinutes(1));
        Path old = Files.createDirectories(tmp.resolve("onnxruntime-java1"));
        Files.setLastModifiedTime(old, FileTime.from(started.minus(Duration.ofMinutes(1))));
        Path recent = Files.createDirectories(tmp.resolve("onnxruntime-java2"));

        OnnxNatives.sweep(tmp, started);

        assertThat(old).doesNotExist();
        assertThat(recent).exists();
    }

    /** Every entry of the tmpdir that ONNX Runtime or this class made. */
    private List<String> onnxEntries() throws IOException {
        try (Stream<Path> entries = Files.list(tmp)) {
            return entries.map(e -> e.getFileName().toString())
                    .filter(name -> name.startsWith("onnxruntime") || name.startsWith(".onnxruntime")).sorted()
                    .toList();
        }
    }

    /** The directory holds both libraries byte for byte as ONNX Runtime's jar has them. */
    private static void assertWhole(Path dir) throws IOException {
        String platform = dir.getFileName().toString().replaceFirst("^onnxruntime-[^-]+-", "");
        for (String library : LIBRARIES) {
            try (InputStream in = OrtEnvironment.class.getResourceAsStream("/ai/onnxruntime/native/" + platform + "/"
                    + library)) {
                assertThat(Files.readAllBytes(dir.resolve(library))).as(library).isEqualTo(in.readAllBytes());
            }
        }
    }

    private List<String> probe(String mode, String ending) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                "-Djava.io.tmpdir=" + tmp,
                "-Dlogback.configurationFile=" + System.getProperty("logback.configurationFile", ""),
                "-cp", System.getProperty("java.class.path"), OnnxNativesProbe.class.getName(), mode, ending)
                .redirectErrorStream(true);
        builder.environment().put("OPT_OUT_TRACKING", "true");
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        List<String> lines = new String(output, StandardCharsets.UTF_8).lines().toList();
        assertThat(process.exitValue()).as(String.join("\n", lines)).isZero();
        return lines;
    }
}
