package io.syncline.chaos;

import io.syncline.node.Main;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * One Syncline node JVM inside one host of the test network, started as {@code ip netns exec NS java ... Main serve}
 * with the test JVM's class path, or with another build's ({@link Launch}). {@code ip netns exec} execs into the JVM,
 * so the process this class starts is the node itself: SIGKILL, SIGSTOP and SIGTERM reach it and nothing else.
 * Each start appends to the node's log under the run's directory, headed by what it runs; a failed wait shows the
 * log's end.
 */
public final class ChaosNode implements AutoCloseable {

    /** The ports are the defaults: each node has a network namespace, and so ports, of its own. */
    public static final int REMOTE_PORT = 25520;
    public static final int HTTP_PORT = 8080;
    public static final int MANAGEMENT_PORT = 8558;
    /** The node's heap in chaos runs: three nodes and Cassandra share 2 cores; embedding is the fake provider's. */
    static final String HEAP = "384m";
    /** The entry point of every build, this one's and earlier releases' (bin/syncline runs it too). */
    static final String MAIN_CLASS = Main.class.getName();

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final int LOG_TAIL = 60;
    private static final String START_MARK = "=== chaos test: starting";

    /**
     * What every node of a chaos cluster shares.
     *
     * @param keyspace      the nodes' keyspace in the chaos Cassandra
     * @param contactPoints the chaos Cassandra's "address:port"
     * @param seedNodes     the same ordered list on every node ({@link #seedNode})
     * @param settings      extra -Dkey=value settings (split brain resolver timings, for example)
     * @param environment   extra environment variables (an API key variable a workspace names)
     */
    public record Config(String keyspace, String contactPoints, List<String> seedNodes, Map<String, String> settings,
                         Map<String, String> environment) {
    }

    /**
     * What one start of the node runs: a build, and environment variables and -D settings of its own on top of the
     * cluster's {@link Config} (they win over it: another keyspace, shard count or journal format, say).
     */
    public record Launch(NodeBuild build, Map<String, String> environment, Map<String, String> settings) {

        public Launch {
            environment = Map.copyOf(environment);
            settings = Map.copyOf(settings);
        }

        /** The build with nothing of its own. */
        public static Launch of(NodeBuild build) {
            return new Launch(build, Map.of(), Map.of());
        }

        public Launch withEnvironment(String name, String value) {
            Map<String, String> more = new HashMap<>(environment);
            more.put(name, value);
            return new Launch(build, more, settings);
        }

        public Launch withSetting(String key, String value) {
            Map<String, String> more = new HashMap<>(settings);
            more.put(key, value);
            return new Launch(build, environment, more);
        }

        @Override
        public String toString() {
            return build + (environment.isEmpty() ? "" : " " + new TreeMap<>(environment))
                    + (settings.isEmpty() ? "" : " -D" + new TreeMap<>(settings));
        }
    }

    private final TestNetwork network;
    private final TestNetwork.Host host;
    private final Path home;
    private final Path log;
    private final Config config;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private Launch launch = Launch.of(NodeBuild.current());

    public ChaosNode(TestNetwork network, TestNetwork.Host host, Path home, Config config) {
        this.network = network;
        this.host = host;
        this.home = home;
        this.log = home.resolve("node.log");
        this.config = config;
    }

    /** {@code pekko://Syncline@address:25520}, an entry of SYNCLINE_SEED_NODES. */
    public static String seedNode(TestNetwork.Host host) {
        return "pekko://Syncline@" + host.address() + ":" + REMOTE_PORT;
    }

    public String name() {
        return host.name();
    }

    public TestNetwork.Host host() {
        return host;
    }

    /** This node's own address in cluster membership ({@link ClusterView.Members}). */
    public String clusterAddress() {
        return seedNode(host);
    }

    /** The base of the node's API: {@code http://address:8080}. */
    public URI httpBase() {
        return URI.create("http://" + host.address() + ":" + HTTP_PORT);
    }

    /** The base of pekko-management: {@code http://address:8558}. */
    public URI managementBase() {
        return URI.create("http://" + host.address() + ":" + MANAGEMENT_PORT);
    }

    public Path log() {
        return log;
    }

    /** What the node runs at its next start, and runs now if it was started since this was set. */
    public Launch launch() {
        return launch;
    }

    /** Starts the node's JVM with the launch it last had (this build, at first); {@link #awaitReady} waits. */
    public void start() {
        start(launch);
    }

    /** Starts the node's JVM with {@code launch}, which later starts keep. */
    public void start(Launch launch) {
        if (alive()) {
            throw new IllegalStateException("node " + name() + " runs already (pid " + pid() + ")");
        }
        this.launch = launch;
        try {
            Files.createDirectories(home.resolve("tmp"));
            Files.writeString(log, START_MARK + " node " + name() + " at " + Instant.now() + ": "
                    + launch + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(network.inNamespace(host, command()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().putAll(environment());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start node " + name(), e);
        }
    }

    /**
     * Waits until {@code GET /ready} on the management port answers 200, and checks that the pid is the node's
     * JVM (ip has exec'ed into java by then). Fails at once if the JVM exits.
     */
    public void awaitReady(Duration max) {
        Await.until(max, "node " + name() + " ready", () -> {
            if (!alive()) {
                throw new Await.Hopeless("node " + name() + " exited with " + exitCode());
            }
            if (!ready()) {
                throw new AssertionError("not ready yet");
            }
            return null;
        }, this::logTail);
        List<String> commandLine = Pids.commandLine(pid());
        if (commandLine.isEmpty() || !commandLine.get(0).endsWith("/java")) {
            throw new IllegalStateException("pid " + pid() + " of node " + name() + " is not the JVM: " + commandLine);
        }
    }

    public long pid() {
        requireStarted();
        return process.pid();
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** The JVM's exit code once it has ended (137 after SIGKILL, 143 after SIGTERM without a clean exit). */
    public int exitCode() {
        requireStarted();
        if (process.isAlive()) {
            throw new IllegalStateException("node " + name() + " still runs");
        }
        return process.exitValue();
    }

    /** SIGKILL, waiting until the JVM is gone: no shutdown hook, no coordinated shutdown, no leaving the cluster. */
    public void kill() {
        requireStarted();
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(10), "to die after SIGKILL");
    }

    /** SIGTERM, the node's coordinated shutdown (it leaves the cluster), waiting a bounded time for the JVM to exit. */
    public void stop() {
        if (!alive()) {
            return;
        }
        requestStop();
        waitFor(STOP_TIMEOUT, "to stop after SIGTERM");
    }

    /**
     * Replaces the node in place, as a rolling upgrade does: a graceful stop (it leaves the cluster), then a start
     * of {@code launch} with the same home and address, until it is ready.
     */
    public void replace(Launch launch, Duration readyWithin) {
        stop();
        start(launch);
        awaitReady(readyWithin);
    }

    /** SIGTERM without waiting, so that several nodes can shut down at once; {@link #stop} waits. */
    public void requestStop() {
        if (alive()) {
            if (Pids.stopped(pid())) {
                resume();
            }
            process.destroy();
        }
    }

    /** SIGSTOP: the JVM freezes, its sockets stay open. */
    public void pause() {
        Pids.stop(pid(), name());
    }

    public void resume() {
        Pids.signal(pid(), "CONT");
    }

    /** The peak and current RSS of the JVM, for reports. */
    public String memory() {
        return Pids.memory(pid());
    }

    /** The last lines of the node's log, for failure messages. */
    public String logTail() {
        return ChaosRuns.tail(log, LOG_TAIL);
    }

    /** The whole log, every start of the node included. */
    public String logText() {
        try {
            return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The log of the node's last start, from its {@code === chaos test: starting} line on. */
    public String logOfLastStart() {
        String text = logText();
        return text.substring(Math.max(0, text.lastIndexOf(START_MARK)));
    }

    /** Stops the node if it runs, killing it if the stop does not end in time. */
    @Override
    public void close() {
        if (!alive()) {
            return;
        }
        try {
            stop();
        } catch (RuntimeException e) {
            kill();
        }
    }

    private List<String> command() {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m", "-Xmx" + HEAP, "-XX:+UseG1GC",
                "-Djava.io.tmpdir=" + home.resolve("tmp"),
                // the node's own logging, not the logback-test.xml of the test class path
                "-Dlogback.configurationFile=logback.xml"));
        Map<String, String> settings = new TreeMap<>(config.settings());
        settings.putAll(launch.settings());
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-cp", launch.build().classPath(), MAIN_CLASS, "serve"));
        return command;
    }

    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(config.environment());
        env.put("OPT_OUT_TRACKING", "true"); // a library under the tokenizers phones home without it
        env.put("SYNCLINE_HOME", home.toString());
        env.put("SYNCLINE_REMOTE_HOST", host.address());
        env.put("SYNCLINE_REMOTE_PORT", String.valueOf(REMOTE_PORT));
        env.put("SYNCLINE_HTTP_INTERFACE", host.address());
        env.put("SYNCLINE_HTTP_PORT", String.valueOf(HTTP_PORT));
        env.put("SYNCLINE_MANAGEMENT_HOST", host.address());
        env.put("SYNCLINE_MANAGEMENT_PORT", String.valueOf(MANAGEMENT_PORT));
        env.put("SYNCLINE_SEED_NODES", String.join(",", config.seedNodes()));
        env.put("SYNCLINE_CASSANDRA_CONTACT_POINTS", config.contactPoints());
        env.put("SYNCLINE_CASSANDRA_KEYSPACE", config.keyspace());
        env.putAll(launch.environment());
        return env;
    }

    private void waitFor(Duration max, String what) {
        try {
            if (!process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("node " + name() + " (pid " + pid() + ") did not end within "
                        + max.toSeconds() + " s " + what + "\n" + logTail());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for node " + name() + " " + what, e);
        }
    }

    /** Waits until the JVM ends by itself ({@code why}: downed, halted, left); fails with its log's end if not. */
    public void awaitExit(Duration max, String why) {
        Await.until(max, "node " + name() + " exiting by itself (" + why + ")", () -> {
            if (alive()) {
                throw new AssertionError("it still runs");
            }
            return null;
        }, this::logTail);
    }

    /** Whether {@code GET /ready} answers 200 now (no answer within a few seconds is not ready). */
    public boolean ready() {
        return status(managementBase().resolve("/ready")) == 200;
    }

    private int status(URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void requireStarted() {
        if (process == null) {
            throw new IllegalStateException("node " + name() + " was never started");
        }
    }
}
