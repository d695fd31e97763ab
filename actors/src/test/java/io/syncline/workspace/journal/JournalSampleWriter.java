package io.syncline.workspace.journal;

import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes this build's journal samples: {@link JournalFixtures} serialized as the journal would store them, in every
 * format, under {@code actors/src/test/resources/journal-samples/<release>/format-<n>/}. Run it once per release
 * that changes a persisted type (see {@link JournalCompatibilityTest} for the command); samples of released
 * versions are never rewritten.
 */
public final class JournalSampleWriter {

    private JournalSampleWriter() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: JournalSampleWriter <journal-samples dir> <release>");
        }
        ActorSystem system = ActorSystem.create("samples");
        try {
            Serialization serialization = SerializationExtension.get(system);
            for (int format = JournalFormat.OLDEST; format <= JournalFormat.NEWEST; format++) {
                JournalFormat.use(format);
                write(serialization, JournalFixtures.values(format),
                        Path.of(args[0], args[1], "format-" + format));
            }
        } finally {
            JournalFormat.use(JournalFormat.OLDEST);
            system.terminate();
        }
    }

    private static void write(Serialization serialization, Map<String, Object> values, Path dir)
            throws IOException {
        Files.createDirectories(dir);
        List<String> index = new ArrayList<>();
        for (Map.Entry<String, Object> value : values.entrySet()) {
            Serializer serializer = serialization.findSerializerFor(value.getValue());
            String file = value.getKey() + ".cbor";
            Files.write(dir.resolve(file), serialization.serialize(value.getValue()).get());
            index.add(file + " " + serializer.identifier() + " "
                    + Serializers.manifestFor(serializer, value.getValue()));
        }
        Files.write(dir.resolve(JournalCompatibilityTest.INDEX), index);
    }
}
