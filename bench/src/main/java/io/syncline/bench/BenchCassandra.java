package io.syncline.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.OptionsMap;
import com.datastax.oss.driver.api.core.config.TypedDriverOption;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The Cassandra a benchmark's node runs on (the local one, or SYNCLINE_CASSANDRA_CONTACT_POINTS as bin/syncline
 * reads it), and a driver session of the benchmark's own on it: for its baselines, checks and clean-up, never the
 * node's.
 */
final class BenchCassandra {

    private BenchCassandra() {
    }

    /** Set by the smoke test, to point the benchmarks at the tests' Cassandra; comes before the environment. */
    static final String CONTACT_POINTS_PROPERTY = "syncline.bench.contact-points";

    /** {@code host:port} of each contact point. */
    static List<String> contactPoints() {
        String configured = System.getProperty(CONTACT_POINTS_PROPERTY,
                System.getenv("SYNCLINE_CASSANDRA_CONTACT_POINTS"));
        if (configured != null && !configured.isBlank()) {
            return Arrays.stream(configured.split(",")).map(String::trim).toList();
        }
        String port = System.getenv().getOrDefault("SYNCLINE_CASSANDRA_PORT", "9042");
        return List.of("127.0.0.1:" + port);
    }

    static CqlSession session() {
        // the driver's defaults, not the node's config (whose contact points are those of bin/syncline)
        OptionsMap driver = OptionsMap.driverDefaults();
        driver.put(TypedDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(30));
        // each DDL statement waits out this window (1 s by default) before its schema refresh
        driver.put(TypedDriverOption.METADATA_SCHEMA_WINDOW, Duration.ofMillis(50));
        return CqlSession.builder().withConfigLoader(DriverConfigLoader.fromMap(driver))
                .withLocalDatacenter("datacenter1")
                .addContactPoints(contactPoints().stream().map(BenchCassandra::address).toList()).build();
    }

    /** Drops a benchmark's keyspace; a schema change on a busy node can take longer than a request's timeout. */
    static void dropKeyspace(CqlSession session, String keyspace) {
        session.execute(SimpleStatement.newInstance("DROP KEYSPACE IF EXISTS " + keyspace)
                .setTimeout(Duration.ofSeconds(60)));
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }
}
