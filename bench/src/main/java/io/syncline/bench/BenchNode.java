package io.syncline.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.OptionsMap;
import com.datastax.oss.driver.api.core.config.TypedDriverOption;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.typesafe.config.ConfigFactory;
import io.syncline.node.NodeConfig;
import io.syncline.node.SynclineNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Syncline node for one benchmark: the local Cassandra (or SYNCLINE_CASSANDRA_CONTACT_POINTS), a keyspace of its
 * own that is dropped at the end, free ports so that it runs beside a node already serving.
 */
final class BenchNode implements AutoCloseable {

    static final String CONTACT_POINTS_PROPERTY = "syncline.bench.contact-points";

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
        List<String> contactPoints = contactPoints();
        int remotePort = freePort();
        Map<String, Object> settings = new HashMap<>(overrides);
        try {
            settings.put("syncline.home", Files.createTempDirectory("syncline-bench").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        settings.put("syncline.http.port", 0);
        settings.put("syncline.cassandra.keyspace", keyspace);
        settings.put("datastax-java-driver.basic.contact-points", contactPoints);
        settings.put("pekko.remote.artery.canonical.port", remotePort);
        settings.put("pekko.management.http.port", freePort());
        settings.put("pekko.cluster.seed-nodes", List.of("pekko://Syncline@127.0.0.1:" + remotePort));
        settings.put("pekko.coordinated-shutdown.exit-jvm", "off");
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
            session = openSession();
        }
        return session;
    }

    /**
     * A driver session on the benchmarks' Cassandra, with the driver's defaults rather than the node's config (whose
     * contact points are those of bin/syncline), for work before a node starts.
     */
    static CqlSession openSession() {
        OptionsMap driver = OptionsMap.driverDefaults();
        driver.put(TypedDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(30));
        return CqlSession.builder().withConfigLoader(DriverConfigLoader.fromMap(driver))
                .withLocalDatacenter("datacenter1")
                .addContactPoints(contactPoints().stream().map(BenchNode::address).toList()).build();
    }

    @Override
    public void close() {
        node.stop();
        if (dropKeyspace) {
            session().execute(SimpleStatement.newInstance("DROP KEYSPACE IF EXISTS " + keyspace)
                    .setTimeout(Duration.ofSeconds(60)));
        }
        session().close();
    }

    /**
     * SYNCLINE_CASSANDRA_CONTACT_POINTS, else the local Cassandra of bin/syncline; the system property
     * {@value #CONTACT_POINTS_PROPERTY} comes first (the smoke test points it at the tests' Cassandra).
     */
    private static List<String> contactPoints() {
        String configured = System.getProperty(CONTACT_POINTS_PROPERTY, System.getenv(
                "SYNCLINE_CASSANDRA_CONTACT_POINTS"));
        if (configured != null && !configured.isBlank()) {
            return Arrays.stream(configured.split(",")).map(String::trim).toList();
        }
        String port = System.getenv().getOrDefault("SYNCLINE_CASSANDRA_PORT", "9042");
        return List.of("127.0.0.1:" + port);
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
