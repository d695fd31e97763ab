package io.syncline.chaos;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.OptionsMap;
import com.datastax.oss.driver.api.core.config.TypedDriverOption;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A single-node Cassandra 5 inside one host of the test network, run by the project's own
 * deploy/cassandra/local-cassandra under {@code ip netns exec}, with its data and logs in the run's directory. It
 * can be paused (SIGSTOP), resumed, killed (SIGKILL) and started again on the same data.
 */
public final class ChaosCassandra implements AutoCloseable {

    public static final int CQL_PORT = 9042;
    /** Heap of the chaos Cassandra: a run holds a few thousand rows, and three node JVMs share the machine. */
    static final String HEAP = "768m";

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration CLASSPATH_TIMEOUT = Duration.ofMinutes(5);

    private final TestNetwork network;
    private final TestNetwork.Host host;
    private final Path syncline;
    private final Path script;
    private CqlSession session;

    /** @param runDir the run's directory: the node lives in {@code runDir/cassandra/cassandra} */
    public ChaosCassandra(TestNetwork network, TestNetwork.Host host, Path runDir) {
        this.network = network;
        this.host = host;
        this.syncline = runDir.resolve("cassandra");
        this.script = ChaosRuns.checkout().resolve("deploy/cassandra/local-cassandra");
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException("the chaos Cassandra is started by " + script + ", which is missing:"
                    + " set syncline.checkout to the checkout");
        }
    }

    /** "address:port" for SYNCLINE_CASSANDRA_CONTACT_POINTS. */
    public String contactPoint() {
        return host.address() + ":" + CQL_PORT;
    }

    public TestNetwork.Host host() {
        return host;
    }

    /**
     * Starts the node (or starts it again after a kill: the script removes a stale pid file) and returns once CQL
     * answers from the host's side of the bridge. The classpath is resolved in the host's namespace first: the
     * namespace has no route to the package registry.
     */
    public void start() {
        script("classpath", CLASSPATH_TIMEOUT, false);
        script("start", START_TIMEOUT, true);
        Await.until(Duration.ofSeconds(30), "CQL of the chaos Cassandra answering at " + contactPoint()
                + " from the host", () -> {
                    if (!cqlAnswers()) {
                        throw new AssertionError("no CQL answer");
                    }
                    return null;
                }, () -> ChaosRuns.tail(log(), 30));
    }

    /** The server JVM's pid, from the script's pid file. */
    public long pid() {
        try {
            return Long.parseLong(Files.readString(home().resolve("cassandra.pid")).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("the chaos Cassandra has no pid file: was it started?", e);
        }
    }

    public boolean alive() {
        return Files.exists(home().resolve("cassandra.pid")) && Pids.alive(pid());
    }

    /** SIGSTOP: the server stops dead, its connections stay open and go silent. */
    public void pause() {
        Pids.stop(pid(), "Cassandra");
    }

    public void resume() {
        Pids.signal(pid(), "CONT");
    }

    /** SIGKILL, waiting until the process is gone: nothing flushed, the commit log replays at the next start. */
    public void kill() {
        Pids.kill(pid(), "the chaos Cassandra");
    }

    /** A graceful stop through the script (resumed first if paused, or it would wait for the stop forever). */
    public void stop() {
        if (alive() && Pids.stopped(pid())) {
            resume();
        }
        script("stop", STOP_TIMEOUT, true);
    }

    /** The server's log (system.log; stdout.log beside it holds what it printed before logging started). */
    public Path log() {
        return home().resolve("logs/system.log");
    }

    /**
     * A driver session of the test's own (not the nodes'), opened at the first call and closed with this object.
     * Its requests time out after 10 s, so a check against a paused node fails instead of hanging.
     */
    public synchronized CqlSession session() {
        if (session == null) {
            OptionsMap options = OptionsMap.driverDefaults();
            options.put(TypedDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(10));
            options.put(TypedDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10));
            session = CqlSession.builder()
                    .addContactPoint(new InetSocketAddress(host.address(), CQL_PORT))
                    .withLocalDatacenter("datacenter1")
                    .withConfigLoader(DriverConfigLoader.fromMap(options))
                    .build();
        }
        return session;
    }

    /** Closes the test's session and stops the server; kills it if it does not stop. */
    @Override
    public void close() {
        synchronized (this) {
            if (session != null) {
                session.close();
                session = null;
            }
        }
        if (!Files.exists(home().resolve("cassandra.pid")) || !alive()) {
            return;
        }
        try {
            stop();
        } finally {
            if (alive()) {
                kill();
            }
        }
    }

    private Path home() {
        return syncline.resolve("cassandra");
    }

    private void script(String command, Duration timeout, boolean inNamespace) {
        List<String> line = List.of(script.toString(), command);
        Commands.Result result = Commands.exec(timeout, environment(), inNamespace ? network.inNamespace(host, line)
                : line);
        if (!result.ok()) {
            throw new IllegalStateException("local-cassandra " + command + " failed (" + result.exitCode() + "): "
                    + result.output().strip() + "\n" + ChaosRuns.tail(log(), 30));
        }
    }

    private Map<String, String> environment() {
        return Map.of("SYNCLINE_HOME", syncline.toString(),
                "SYNCLINE_CASSANDRA_LISTEN_ADDRESS", host.address(),
                "SYNCLINE_CASSANDRA_HEAP", HEAP,
                "SYNCLINE_CASSANDRA_START_TIMEOUT", String.valueOf(START_TIMEOUT.toSeconds() - 10));
    }

    /** True when a CQL server answers an OPTIONS frame (protocol v4) at the node's address: an open port is not enough. */
    private boolean cqlAnswers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host.address(), CQL_PORT), 1000);
            socket.setSoTimeout(3000);
            OutputStream out = socket.getOutputStream();
            out.write(new byte[] {0x04, 0, 0, 1, 0x05, 0, 0, 0, 0});
            out.flush();
            InputStream in = socket.getInputStream();
            return in.read() == 0x84;
        } catch (IOException e) {
            return false;
        }
    }
}
