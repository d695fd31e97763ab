package io.syncline.testing;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two real cluster nodes in this JVM: two actor systems over Artery on loopback, every message serialized as it
 * would be between nodes. For what nodes tell each other, without storage.
 */
public final class TwoNodeCluster implements AutoCloseable {

    private final ActorTestKit first;
    private final ActorTestKit second;

    private TwoNodeCluster(ActorTestKit first, ActorTestKit second) {
        this.first = first;
        this.second = second;
    }

    /** Starts both nodes and returns once both are Up in one cluster. */
    public static TwoNodeCluster start() {
        int seedPort = freePort();
        TwoNodeCluster cluster = new TwoNodeCluster(ActorTestKit.create("Syncline", node(seedPort, seedPort)),
                ActorTestKit.create("Syncline", node(freePort(), seedPort)));
        cluster.first.createTestProbe().awaitAssert(Duration.ofSeconds(30), () -> {
            assertThat(Cluster.get(cluster.first.system()).state().getMembers())
                    .hasSize(2).allMatch(m -> m.status() == MemberStatus.up());
            return null;
        });
        return cluster;
    }

    public ActorTestKit first() {
        return first;
    }

    public ActorTestKit second() {
        return second;
    }

    @Override
    public void close() {
        second.shutdownTestKit();
        first.shutdownTestKit();
    }

    private static Config node(int port, int seedPort) {
        return ConfigFactory.parseString("""
                pekko.actor.provider = cluster
                pekko.actor.serialize-messages = on
                pekko.remote.artery.canonical { hostname = "127.0.0.1", port = %d }
                pekko.cluster.seed-nodes = ["pekko://Syncline@127.0.0.1:%d"]
                pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
                """.formatted(port, seedPort)).withFallback(ConfigFactory.load());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
