package io.syncline.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import io.syncline.node.Main;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Syncline node in a JVM of its own, started the way bin/syncline starts it ({@code Main serve}, G1, the given
 * heap), so that its memory is the node's alone: the benchmark, its corpus and its fake provider stay in this JVM.
 * It logs its collections to {@code gc.log} and its output to {@code node.log} in its home, a temporary directory
 * that is kept for reading afterwards. A node started alone has a keyspace of its own, dropped when it is closed; a
 * member of a cluster shares the cluster's keyspace and seed list, and leaves the keyspace to whoever made it.
 */
final class NodeJvm implements AutoCloseable {

    private static final Duration READY_WITHIN = Duration.ofMinutes(3);
    private static final Duration STOP_WITHIN = Duration.ofSeconds(60);
    private static final int LOG_LINES_ON_FAILURE = 30;

    private final Process process;
    private final Path home;
    private final String keyspace;
    private final boolean ownsKeyspace;
    private final int httpPort;
    private final int managementPort;
    private final int remotePort;

    private NodeJvm(Process process, Path home, String keyspace, boolean ownsKeyspace, int httpPort,
                    int managementPort, int remotePort) {
        this.process = process;
        this.home = home;
        this.keyspace = keyspace;
        this.ownsKeyspace = ownsKeyspace;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
        this.remotePort = remotePort;
    }

    /** Starts a node with {@code heapMb} of heap at most; returns once it is ready, or fails with its log's end. */
    static NodeJvm start(String name, int heapMb) throws IOException, InterruptedException {
        int remotePort = BenchNode.freePort();
        return start(name, heapMb, "bench_" + name + "_" + Long.toString(System.currentTimeMillis(), 36), true,
                remotePort, List.of(remotePort), Map.of());
    }

    /**
     * Starts a member of a cluster on a shared keyspace: {@code seedPorts} are the remote ports of the seed nodes
     * on this host (the first one forms the cluster), {@code settings} more -D settings of this run.
     */
    static NodeJvm member(String name, int heapMb, String keyspace, int remotePort, List<Integer> seedPorts,
                          Map<String, String> settings) throws IOException, InterruptedException {
        return start(name, heapMb, keyspace, false, remotePort, seedPorts, settings);
    }

    private static NodeJvm start(String name, int heapMb, String keyspace, boolean ownsKeyspace, int remotePort,
                                 List<Integer> seedPorts, Map<String, String> settings)
            throws IOException, InterruptedException {
        Path home = Files.createTempDirectory("syncline-bench-" + name + "-node");
        int httpPort = BenchNode.freePort();
        int managementPort = BenchNode.freePort();
        List<String> command = command(heapMb, home, keyspace, httpPort, managementPort, remotePort, seedPorts,
                settings);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(home.resolve("node.log").toFile());
        builder.environment().put("OPT_OUT_TRACKING", "true"); // else DJL contacts 169.254.169.254 (see bin/syncline)
        NodeJvm node = new NodeJvm(builder.start(), home, keyspace, ownsKeyspace, httpPort, managementPort,
                remotePort);
        // should this JVM end first (Ctrl-C, an exception past close), the node must not outlive it
        Runtime.getRuntime().addShutdownHook(new Thread(node.process::destroyForcibly, "stop-node-" + name));
        try {
            node.awaitReady();
        } catch (IOException | RuntimeException | InterruptedException e) {
            node.process.destroyForcibly().waitFor();
            throw e;
        }
        return node;
    }

    int httpPort() {
        return httpPort;
    }

    /** The node's cluster address as the API names it ({@code node} of a workspace). */
    String address() {
        return "127.0.0.1:" + remotePort;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: no coordinated shutdown, nothing flushed, the cluster finds out by itself. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    long pid() {
        return process.pid();
    }

    Path home() {
        return home;
    }

    /** The most memory the node's process has held in RAM so far (the kernel's VmHWM). */
    long peakRssMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        throw new IllegalStateException("/proc/" + process.pid() + "/status has no VmHWM");
    }

    /** The node's collections so far. */
    GcLog gcLog() throws IOException {
        return GcLog.read(home.resolve("gc.log"));
    }

    /**
     * SIGTERM (the node's coordinated shutdown), SIGKILL if it is not done within a minute; then its keyspace goes,
     * if it was its own.
     */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
            System.out.println("  the node did not stop within " + STOP_WITHIN.toSeconds() + " s; killing it");
            process.destroyForcibly().waitFor();
        }
        if (ownsKeyspace) {
            try (CqlSession session = BenchCassandra.session()) {
                BenchCassandra.dropKeyspace(session, keyspace);
            }
        }
    }

    /**
     * bin/syncline's node command line (G1, Main serve, an initial heap of 256 MB unless the heap is smaller), with a
     * GC log and this run's settings.
     */
    private static List<String> command(int heapMb, Path home, String keyspace, int httpPort, int managementPort,
                                        int remotePort, List<Integer> seedPorts, Map<String, String> settings) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms" + Math.min(256, heapMb) + "m", "-Xmx" + heapMb + "m", "-XX:+UseG1GC",
                "-Xlog:gc:file=" + home.resolve("gc.log"),
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-Dsyncline.home=" + home, "-Dsyncline.http.port=" + httpPort,
                "-Dsyncline.cassandra.keyspace=" + keyspace,
                "-Dpekko.remote.artery.canonical.port=" + remotePort,
                "-Dpekko.management.http.port=" + managementPort,
                "-Dsyncline.http.drain-delay=0s", // no load balancer to wait for
                "-Dsyncline.auth.admin-key=" + NodeClient.ADMIN_KEY,
                // the benchmarks measure the node, not the per-key limit
                "-Dsyncline.auth.requests-per-second=1000000", "-Dsyncline.auth.burst=1000000",
                // the benchmarks write their corpora under the JVM's tmpdir
                "-Dsyncline.sources.allowed-roots=" + System.getProperty("java.io.tmpdir")));
        for (int i = 0; i < seedPorts.size(); i++) {
            command.add("-Dpekko.cluster.seed-nodes." + i + "=pekko://Syncline@127.0.0.1:" + seedPorts.get(i));
        }
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        List<String> contactPoints = BenchCassandra.contactPoints();
        for (int i = 0; i < contactPoints.size(); i++) {
            command.add("-Ddatastax-java-driver.basic.contact-points." + i + "=" + contactPoints.get(i));
        }
        // the bench's class path holds the node's jars (bench/target/lib, expanded by the launcher)
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve"));
        return command;
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(READY_WITHIN);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the node exited (" + process.exitValue() + ") during start; "
                        + logEnd());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the node was not ready within " + READY_WITHIN.toMinutes()
                        + " min; " + logEnd());
            }
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500); // polling the node's readiness
        }
    }

    private String logEnd() throws IOException {
        List<String> lines = Files.readAllLines(home.resolve("node.log"));
        return "the end of " + home.resolve("node.log") + ":\n  "
                + String.join("\n  ", lines.subList(Math.max(0, lines.size() - LOG_LINES_ON_FAILURE), lines.size()));
    }
}
