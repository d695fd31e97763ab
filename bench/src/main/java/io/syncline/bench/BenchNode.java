package io.syncline.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.typesafe.config.ConfigFactory;
import io.syncline.node.NodeConfig;
import io.syncline.node.SynclineNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Syncline node for one benchmark: the local Cassandra (or SYNCLINE_CASSANDRA_CONTACT_POINTS), a keyspace of its
 * own that is dropped at the end, free ports so that it runs beside a node already serving.
 */
final class BenchNode implements AutoCloseable {

    private final SynclineNode node;
    private final String keyspace;
    private final boolean dropKeyspace;
    private CqlSession session;

    private BenchNode(SynclineNode node, String keyspace, boolean dropKeyspace) {
        this.node = node;
        this.keyspace = keyspace;
        this.dropKeyspace = dropKeyspace;
    }

    /** A node on a keyspace of its own, dropped when the node is closed. */
    static BenchNode start(String name, Map<String, Object> overrides) {
        return start("bench_" + name + "_" + Long.toString(System.currentTimeMillis(), 36), overrides, true);
    }

    /** A node on the given keyspace, which is kept when {@code dropKeyspace} is false (to reuse loaded data). */
    static BenchNode start(String keyspace, Map<String, Object> overrides, boolean dropKeyspace) {
        int remotePort = freePort();
        Map<String, Object> settings = new HashMap<>(overrides);
        try {
            settings.put("syncline.home", Files.createTempDirectory("syncline-bench").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        settings.put("syncline.http.port", 0);
        settings.put("syncline.cassandra.keyspace", keyspace);
        settings.put("datastax-java-driver.basic.contact-points", BenchCassandra.contactPoints());
        settings.put("pekko.remote.artery.canonical.port", remotePort);
        settings.put("pekko.management.http.port", freePort());
        settings.put("pekko.cluster.seed-nodes", List.of("pekko://Syncline@127.0.0.1:" + remotePort));
        settings.put("pekko.coordinated-shutdown.exit-jvm", "off");
        settings.put("syncline.http.drain-delay", "0s"); // no load balancer to wait for
        settings.put("syncline.auth.admin-key", NodeClient.ADMIN_KEY);
        // The benchmarks measure the node, not the per-key limit.
        settings.put("syncline.auth.requests-per-second", 1_000_000);
        settings.put("syncline.auth.burst", 1_000_000);
        // The benchmarks write their corpora under the JVM's tmpdir.
        settings.put("syncline.sources.allowed-roots", System.getProperty("java.io.tmpdir"));
        SynclineNode node = SynclineNode.start(NodeConfig.load(ConfigFactory.parseMap(settings)));
        return new BenchNode(node, keyspace, dropKeyspace);
    }

    int httpPort() {
        return node.httpPort();
    }

    String keyspace() {
        return keyspace;
    }

    /** A driver session of the benchmark's own (for its baselines and checks), on the node's Cassandra. */
    synchronized CqlSession session() {
        if (session == null) {
            session = BenchCassandra.session();
        }
        return session;
    }

    @Override
    public void close() {
        node.stop();
        if (dropKeyspace) {
            BenchCassandra.dropKeyspace(session(), keyspace);
        }
        session().close();
    }

    /** A port that was free a moment ago (the node binds it soon after; good enough on a benchmark machine). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
