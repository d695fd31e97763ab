package io.syncline.workspace.journal;

import io.syncline.workspace.WorkspaceEvent;
import io.syncline.workspace.WorkspaceState;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The journal as a contract: under {@code src/test/resources/journal-samples/<release>/format-<n>/} lies, for every
 * persisted type, the bytes and manifest that release wrote in that journal format (never re-serialized), and this
 * build must read every one of them as the value {@link JournalFixtures} holds. The newest release's samples must
 * cover every persisted type, and this build must still write exactly them: a persisted type whose shape changed
 * without a new schema version (a migration in {@code io.syncline.workspace.journal}) and a new sample fails here.
 *
 * <p>Samples of a new release: {@code mvn -B -o -q -pl actors -am test-compile dependency:build-classpath
 * -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test}, then {@code java -cp
 * actors/target/test-classes:actors/target/classes:$(cat actors/target/test.classpath)
 * io.syncline.workspace.journal.JournalSampleWriter actors/src/test/resources/journal-samples <version>}.
 */
class JournalCompatibilityTest {

    static final String INDEX = "index.txt";

    private static ActorSystem system;
    private static Serialization serialization;

    @BeforeAll
    static void start() {
        system = ActorSystem.create("journal-compatibility");
        serialization = SerializationExtension.get(system);
    }

    @AfterAll
    static void stop() {
        system.terminate();
    }

    @AfterEach
    void writeTheDefaultFormatAgain() {
        JournalFormat.use(JournalFormat.OLDEST);
    }

    @Test
    void everySampleOfEveryReleaseReadsAsTheValueItWasWrittenFrom() throws IOException {
        List<String> read = new ArrayList<>();
        for (Path dir : sampleDirs()) {
            Map<String, Object> expected = JournalFixtures.values(format(dir));
            for (Sample sample : samples(dir)) {
                Object value = serialization.deserialize(sample.bytes(), sample.serializerId(), sample.manifest())
                        .get();
                assertThat(value).as(sample + ": what it reads as").isEqualTo(expected.get(sample.type()));
                read.add(sample.toString());
            }
        }
        assertThat(read).as("samples read").hasSizeGreaterThan(persistedTypes().size() * 2);
    }

    @Test
    void theNewestReleaseHasASampleOfEveryPersistedTypeInEveryFormat() throws IOException {
        Path newest = releases().get(releases().size() - 1);
        for (int format = JournalFormat.OLDEST; format <= JournalFormat.NEWEST; format++) {
            Path dir = newest.resolve("format-" + format);
            List<String> types = Files.isDirectory(dir) ? samples(dir).stream().map(Sample::type).toList() : List.of();
            for (Class<?> type : persistedTypes()) {
                assertThat(types).as("release " + newest.getFileName() + ", format " + format + ": a sample of "
                        + type.getName() + " (a persisted type needs one: see JournalSampleWriter)")
                        .contains(type.getSimpleName());
            }
        }
    }

    @Test
    void thisBuildWritesExactlyTheNewestSamplesInEachFormat() throws IOException {
        Path newest = releases().get(releases().size() - 1);
        for (int format = JournalFormat.OLDEST; format <= JournalFormat.NEWEST; format++) {
            JournalFormat.use(format);
            Map<String, Object> values = JournalFixtures.values(format);
            for (Sample sample : samples(newest.resolve("format-" + format))) {
                Object value = values.get(sample.type());
                Serializer serializer = serialization.findSerializerFor(value);
                String problem = sample + " no longer matches what this build writes: a change of a persisted "
                        + "type's shape needs a new schema version (a JacksonMigration in "
                        + "io.syncline.workspace.journal), new samples, and the two-step rollout of docs/operations.md";
                assertThat(Serializers.manifestFor(serializer, value)).as(problem).isEqualTo(sample.manifest());
                assertThat(serialization.serialize(value).get()).as(problem).isEqualTo(sample.bytes());
            }
        }
    }

    /** The events and the snapshot: every type the workspace entity persists. */
    private static List<Class<?>> persistedTypes() {
        List<Class<?>> types = new ArrayList<>(Arrays.asList(WorkspaceEvent.class.getPermittedSubclasses()));
        types.add(WorkspaceState.class);
        return types;
    }

    private static List<Path> releases() throws IOException {
        try (Stream<Path> dirs = Files.list(root())) {
            return dirs.filter(Files::isDirectory)
                    .sorted(Comparator.comparing(dir -> version(dir.getFileName().toString())))
                    .toList();
        }
    }

    private static List<Path> sampleDirs() throws IOException {
        List<Path> dirs = new ArrayList<>();
        for (Path release : releases()) {
            try (Stream<Path> formats = Files.list(release)) {
                formats.filter(dir -> dir.getFileName().toString().startsWith("format-")).sorted().forEach(dirs::add);
            }
        }
        return dirs;
    }

    private static int format(Path dir) {
        return Integer.parseInt(dir.getFileName().toString().substring("format-".length()));
    }

    /** A release's version as a comparable number: 0.2.0 is 2000, 1.10.3 is 1010003. */
    private static long version(String release) {
        long value = 0;
        for (String part : release.split("\\.")) {
            value = value * 1000 + Integer.parseInt(part);
        }
        return value;
    }

    private static List<Sample> samples(Path dir) throws IOException {
        List<Sample> samples = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve(INDEX))) {
            String[] fields = line.split(" ", 3);
            Path file = dir.resolve(fields[0]);
            if (!Files.exists(file)) {
                fail(dir + "/" + INDEX + " lists " + fields[0] + ", which is missing: samples are never deleted");
            }
            samples.add(new Sample(dir.getParent().getFileName() + "/" + dir.getFileName() + "/" + fields[0],
                    fields[0].substring(0, fields[0].length() - ".cbor".length()), Integer.parseInt(fields[1]),
                    fields[2], Files.readAllBytes(file)));
        }
        return samples;
    }

    private static Path root() {
        try {
            return Path.of(JournalCompatibilityTest.class.getResource("/journal-samples").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Sample(String name, String type, int serializerId, String manifest, byte[] bytes) {
        @Override
        public String toString() {
            return name + " (" + manifest + ")";
        }
    }
}
