package io.syncline.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Loads the node's configuration: system properties, then the environment variables that are lists (which HOCON
 * cannot split), then application.conf and the modules' reference.conf.
 *
 * <ul>
 *   <li>{@code SYNCLINE_CASSANDRA_CONTACT_POINTS}: {@code host:port,host:port} of an existing Cassandra cluster</li>
 *   <li>{@code SYNCLINE_SEED_NODES}: {@code pekko://Syncline@host:port,...} when several nodes form a cluster</li>
 * </ul>
 */
public final class NodeConfig {

    private NodeConfig() {
    }

    public static Config load() {
        return load(System.getenv());
    }

    static Config load(Map<String, String> env) {
        Config overrides = ConfigFactory.empty();
        List<String> contactPoints = list(env.get("SYNCLINE_CASSANDRA_CONTACT_POINTS"));
        if (!contactPoints.isEmpty()) {
            overrides = overrides.withValue("datastax-java-driver.basic.contact-points",
                    ConfigValueFactory.fromIterable(contactPoints));
        }
        List<String> seeds = list(env.get("SYNCLINE_SEED_NODES"));
        if (!seeds.isEmpty()) {
            overrides = overrides.withValue("pekko.cluster.seed-nodes", ConfigValueFactory.fromIterable(seeds));
        }
        ConfigFactory.invalidateCaches();
        return ConfigFactory.systemProperties()
                .withFallback(overrides)
                .withFallback(ConfigFactory.load())
                .resolve();
    }

    private static List<String> list(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
