package io.syncline.node;

import com.typesafe.config.Config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The node's own settings, read once from {@code syncline} (defaults in syncline.conf).
 *
 * @param home        where the node keeps source mirrors and caches
 * @param askTimeout  how long an HTTP request waits for a workspace entity
 * @param drainDelay  how long a stopping node says it is not ready, still serving, before the API unbinds
 * @param replication the CQL replication map used when the node creates its keyspace
 * @param onnxThreads threads running the in-process models (0 in the config: one per core)
 * @param searchConcurrency ANN queries the node sends Cassandra at once; more searches wait their turn
 * @param preloadDefaultModel whether the default in-process model loads when the node starts
 */
public record NodeSettings(Path home, String httpInterface, int httpPort, Duration askTimeout, Duration drainDelay,
                           String keyspace, String replication, int onnxThreads, int searchConcurrency,
                           boolean preloadDefaultModel) {

    public static NodeSettings fromConfig(Config config) {
        Config c = config.getConfig("syncline");
        return new NodeSettings(Path.of(c.getString("home")).toAbsolutePath().normalize(),
                c.getString("http.interface"), c.getInt("http.port"), c.getDuration("http.ask-timeout"),
                requireAtMost(c.getDuration("http.drain-delay"), Duration.ofSeconds(30), "syncline.http.drain-delay"),
                c.getString("cassandra.keyspace"), c.getString("cassandra.replication"),
                onnxThreads(c.getInt("embedding.onnx-threads")), c.getInt("search.max-concurrent-queries"),
                c.getBoolean("embedding.preload-default-model"));
    }

    private static Duration requireAtMost(Duration value, Duration max, String key) {
        if (value.compareTo(max) > 0 || value.isNegative()) {
            throw new IllegalArgumentException(key + " must be between 0 and " + max.toSeconds() + "s, not " + value);
        }
        return value;
    }

    private static int onnxThreads(int configured) {
        return configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
    }

    public Path sourcesDir() {
        return home.resolve("sources");
    }
}
