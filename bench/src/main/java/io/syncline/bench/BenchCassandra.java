package io.syncline.bench;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.OptionsMap;
import com.datastax.oss.driver.api.core.config.TypedDriverOption;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** A benchmark's own keyspace: {@code bench_<what>_<its creation time, base 36 milliseconds>}. */
    private static final Pattern TIMESTAMPED = Pattern.compile("bench_[a-z0-9_]+_([0-9a-z]{8})");

    /**
     * Drops the keyspaces that runs before this one created and did not drop (a run that was killed): their
     * compactions would take the cores from this run's measurements. Only names a benchmark makes, with a creation
     * time of the last 30 days, and never the index {@code search} keeps for its next run.
     */
    static void sweepLeftovers() {
        long now = System.currentTimeMillis();
        try (CqlSession session = session()) {
            for (CqlIdentifier id : session.getMetadata().getKeyspaces().keySet()) {
                Matcher name = TIMESTAMPED.matcher(id.asInternal());
                if (!name.matches() || id.asInternal().startsWith("bench_search_")) {
                    continue;
                }
                long created = Long.parseLong(name.group(1), 36);
                if (created < now && created > now - Duration.ofDays(30).toMillis()) {
                    System.out.println("dropping keyspace " + id.asInternal() + ", left by an earlier run that did"
                            + " not finish");
                    dropKeyspace(session, id.asInternal());
                }
            }
        }
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }
}
