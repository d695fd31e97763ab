package io.syncline.serialization;

import io.syncline.workspace.WorkspaceEntity;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a 0.2.0 node sends and writes, under the names it gives the workspace's commands and events, reads here. */
class RenamedInRelease020Test {

    private static ActorTestKit testKit;
    private static Serialization serialization;

    @BeforeAll
    static void start() {
        testKit = ActorTestKit.create();
        serialization = SerializationExtension.get(Adapter.toClassic(testKit.system()));
    }

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
    }

    @Test
    void anEventUnderItsNewNameReadsAsThisReleasesEvent() {
        var event = new WorkspaceEntity.SourceRemoved("docs", Instant.parse("2026-12-01T10:00:00Z"));
        assertEquals(event, readAs(event, "io.syncline.workspace.WorkspaceEvent$SourceRemoved#1"));
    }

    @Test
    void aCommandUnderItsNewNameReadsAsThisReleasesCommand() {
        TestProbe<StatusReply<org.apache.pekko.Done>> probe = testKit.createTestProbe();
        var command = new WorkspaceEntity.RemoveSource("docs", probe.ref());
        assertEquals(command, readAs(command, "io.syncline.workspace.WorkspaceCommand$RemoveSource"));
    }

    /** Serializes as this release does, then reads the bytes under the manifest 0.2.0 gives them. */
    private static Object readAs(Object message, String manifest) {
        var serializer = serialization.findSerializerFor(message);
        assertEquals("io.syncline.workspace.WorkspaceEntity$" + message.getClass().getSimpleName(),
                Serializers.manifestFor(serializer, message));
        byte[] bytes = serialization.serialize(message).get();
        return serialization.deserialize(bytes, serializer.identifier(), manifest).get();
    }
}
