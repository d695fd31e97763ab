package io.syncline.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.syncline.testing.LocalCassandra;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A real Syncline node in the test's JVM, on the test Cassandra, in the test's keyspace, on free ports: the whole
 * node as bin/syncline runs it, minus the JVM exit at shutdown.
 */
final class TestNode implements AutoCloseable {

    private final SynclineNode node;
    private final Api api;

    private TestNode(SynclineNode node) {
        this.node = node;
        this.api = new Api(node.httpPort());
    }

    static TestNode start(String keyspace, Path home) {
        return start(keyspace, home, Map.of());
    }

    static TestNode start(String keyspace, Path home, Map<String, Object> overrides) {
        return new TestNode(SynclineNode.start(config(keyspace, home, freePort(), freePort(), overrides)));
    }

    /** The configuration of a node on the test Cassandra; also used for nodes started in a JVM of their own. */
    static Config config(String keyspace, Path home, int remotePort, int managementPort,
                         Map<String, Object> overrides) {
        Map<String, Object> settings = new HashMap<>(overrides);
        settings.put("syncline.home", home.toString());
        settings.put("syncline.http.port", 0);
        settings.put("syncline.cassandra.keyspace", keyspace);
        settings.put("datastax-java-driver.basic.contact-points", LocalCassandra.contactPointStrings());
        settings.put("pekko.remote.artery.canonical.port", remotePort);
        settings.put("pekko.management.http.port", managementPort);
        settings.put("pekko.cluster.seed-nodes", List.of("pekko://Syncline@127.0.0.1:" + remotePort));
        settings.put("pekko.coordinated-shutdown.exit-jvm", "off");
        // Every message is serialized as if it crossed nodes: one that could not, fails the test.
        settings.put("pekko.actor.serialize-messages", "on");
        // Several nodes share this JVM: a pause (a long GC) must not halt it, only fence the node.
        settings.put("syncline.fence.halt-after-pause", "off");
        settings.put("syncline.http.drain-delay", "0s");
        settings.putIfAbsent("syncline.auth.admin-key", Api.ADMIN_KEY);
        // The tests make their repositories under the JVM's tmpdir (JUnit's @TempDir).
        settings.putIfAbsent("syncline.sources.allowed-roots", System.getProperty("java.io.tmpdir"));
        return NodeConfig.load(ConfigFactory.parseMap(settings));
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Api api() {
        return api;
    }

    SynclineNode node() {
        return node;
    }

    /** Retries an assertion until it holds or the time is up (Pekko TestKit's awaitAssert). */
    <T> T await(Duration max, Supplier<T> assertion) {
        return TestProbe.<Object>create(node.system()).awaitAssert(max, assertion::get);
    }

    @Override
    public void close() {
        node.stop();
    }
}
