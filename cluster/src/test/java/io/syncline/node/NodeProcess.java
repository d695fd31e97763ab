package io.syncline.node;

import io.syncline.testing.LocalCassandra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Syncline node in a JVM of its own, started the way bin/syncline starts it (Main serve), so that a test can kill
 * it the hard way (SIGKILL) and start it again on the same home, keyspace and ports.
 */
final class NodeProcess {

    private final List<String> command;
    private final Path log;
    private final int httpPort;
    private final int managementPort;
    private Process process;

    NodeProcess(String keyspace, Path home, Map<String, String> settings) {
        this.httpPort = TestNode.freePort();
        this.managementPort = TestNode.freePort();
        int remotePort = TestNode.freePort();
        this.log = home.resolve("node.log");
        command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-Dsyncline.home=" + home, "-Dsyncline.http.port=" + httpPort,
                "-Dsyncline.cassandra.keyspace=" + keyspace,
                "-Dpekko.remote.artery.canonical.port=" + remotePort,
                "-Dpekko.management.http.port=" + managementPort,
                "-Dpekko.cluster.seed-nodes.0=pekko://Syncline@127.0.0.1:" + remotePort,
                "-Dpekko.actor.serialize-messages=on", "-Dsyncline.http.drain-delay=0s",
                "-Dsyncline.sources.allowed-roots=" + System.getProperty("java.io.tmpdir")));
        List<String> contactPoints = LocalCassandra.contactPointStrings();
        for (int i = 0; i < contactPoints.size(); i++) {
            command.add("-Ddatastax-java-driver.basic.contact-points." + i + "=" + contactPoints.get(i));
        }
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve"));
    }

    int httpPort() {
        return httpPort;
    }

    void start() {
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().put("SYNCLINE_ADMIN_KEY", Api.ADMIN_KEY);
            process = builder.redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True once the node answers /ready with 200. */
    boolean ready() {
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/ready"))
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no coordinated shutdown, nothing flushed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM: the node's coordinated shutdown. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }

    Path log() {
        return log;
    }
}
