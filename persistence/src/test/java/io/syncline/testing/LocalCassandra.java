package io.syncline.testing;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.OptionsMap;
import com.datastax.oss.driver.api.core.config.TypedDriverOption;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The Cassandra node the tests of this JVM use: the one named by SYNCLINE_CASSANDRA_CONTACT_POINTS, else the local
 * test node on port SYNCLINE_TEST_CASSANDRA_PORT (19042), which {@code bin/syncline test} starts before the build.
 * When nothing answers there (a test run from an IDE, say), it starts that node with the project's own
 * deploy/cassandra/local-cassandra and stops it when the JVM exits.
 */
public final class LocalCassandra {

    public static final int DEFAULT_TEST_PORT = 19042;

    private static List<InetSocketAddress> contactPoints;
    private static CqlSession session;

    private LocalCassandra() {
    }

    public static synchronized List<InetSocketAddress> contactPoints() {
        if (contactPoints == null) {
            String configured = System.getenv("SYNCLINE_CASSANDRA_CONTACT_POINTS");
            contactPoints = configured != null && !configured.isBlank() ? parse(configured) : List.of(localNode());
        }
        return contactPoints;
    }

    /** "host:port" pairs as the driver config wants them. */
    public static List<String> contactPointStrings() {
        return contactPoints().stream().map(a -> a.getHostString() + ":" + a.getPort()).toList();
    }

    /** A session shared by the tests of this JVM, without a keyspace. */
    public static synchronized CqlSession session() {
        if (session == null) {
            // The driver's defaults only: a loader that also read application.conf would add the node's own contact
            // point (9042) in modules that have one.
            OptionsMap options = OptionsMap.driverDefaults();
            options.put(TypedDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(10));
            options.put(TypedDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10));
            // Each DDL statement waits for the schema refresh it triggers, which the driver delays by this window to
            // merge bursts of changes: 1 s by default, which made a keyspace's migrations take 20 s instead of 2.
            options.put(TypedDriverOption.METADATA_SCHEMA_WINDOW, Duration.ofMillis(10));
            // the profile SchemaMigrations uses for DDL: Cassandra warns on each SAI index that vectors are experimental
            options.put("syncline-ddl", TypedDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(60));
            options.put("syncline-ddl", TypedDriverOption.REQUEST_LOG_WARNINGS, false);
            session = CqlSession.builder()
                    .addContactPoints(contactPoints())
                    .withLocalDatacenter("datacenter1")
                    .withConfigLoader(DriverConfigLoader.fromMap(options))
                    .build();
            CqlSession created = session;
            Runtime.getRuntime().addShutdownHook(new Thread(created::close));
        }
        return session;
    }

    private static InetSocketAddress localNode() {
        int port = Integer.parseInt(env("SYNCLINE_TEST_CASSANDRA_PORT", String.valueOf(DEFAULT_TEST_PORT)));
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        if (!answers(address)) {
            start(port);
        }
        return address;
    }

    private static void start(int port) {
        Path checkout = Path.of(System.getProperty("syncline.checkout", "..")).toAbsolutePath().normalize();
        Path script = checkout.resolve("deploy/cassandra/local-cassandra");
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException("no Cassandra answers on port " + port + " and " + script
                    + " is missing: run the tests with bin/syncline test, or set syncline.checkout");
        }
        ProcessBuilder builder = new ProcessBuilder(script.toString(), "start").inheritIO();
        testNodeEnvironment(builder, checkout, port);
        run(builder, "start");
        ProcessBuilder stop = new ProcessBuilder(script.toString(), "stop").inheritIO();
        testNodeEnvironment(stop, checkout, port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> run(stop, "stop")));
    }

    private static void testNodeEnvironment(ProcessBuilder builder, Path checkout, int port) {
        var env = builder.environment();
        env.put("SYNCLINE_HOME", env("SYNCLINE_TEST_HOME", checkout.resolve(".syncline/test").toString()));
        env.put("SYNCLINE_CASSANDRA_PORT", String.valueOf(port));
        env.put("SYNCLINE_CASSANDRA_STORAGE_PORT", env("SYNCLINE_TEST_CASSANDRA_STORAGE_PORT", "17000"));
        env.put("SYNCLINE_CASSANDRA_JMX_PORT", env("SYNCLINE_TEST_CASSANDRA_JMX_PORT", "17199"));
    }

    private static void run(ProcessBuilder builder, String what) {
        try {
            int exit = builder.start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("local-cassandra " + what + " exited with " + exit);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run local-cassandra " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running local-cassandra " + what, e);
        }
    }

    private static boolean answers(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<InetSocketAddress> parse(String contactPoints) {
        return Arrays.stream(contactPoints.split(","))
                .map(String::trim)
                .map(hp -> {
                    int colon = hp.lastIndexOf(':');
                    return colon < 0 ? new InetSocketAddress(hp, 9042)
                            : new InetSocketAddress(hp.substring(0, colon), Integer.parseInt(hp.substring(colon + 1)));
                })
                .toList();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
