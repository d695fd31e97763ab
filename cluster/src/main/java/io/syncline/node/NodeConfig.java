package io.syncline.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Loads the node's configuration: system properties, then given overrides, then the environment variables that are
 * lists (which HOCON cannot split), then application.conf and the modules' reference.conf.
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
        return load(ConfigFactory.empty(), System.getenv());
    }

    /** The configuration with overrides layered under the system properties, before substitutions resolve. */
    public static Config load(Config overrides) {
        return load(overrides, System.getenv());
    }

    static Config load(Config overrides, Map<String, String> env) {
        Config lists = ConfigFactory.empty();
        List<String> contactPoints = list(env.get("SYNCLINE_CASSANDRA_CONTACT_POINTS"));
        if (!contactPoints.isEmpty()) {
            lists = lists.withValue("datastax-java-driver.basic.contact-points",
                    ConfigValueFactory.fromIterable(contactPoints));
        }
        List<String> seeds = list(env.get("SYNCLINE_SEED_NODES"));
        if (!seeds.isEmpty()) {
            lists = lists.withValue("pekko.cluster.seed-nodes", ConfigValueFactory.fromIterable(seeds));
        }
        ConfigFactory.invalidateCaches();
        // load() puts system properties first and reference.conf last, and resolves substitutions after layering,
        // so that an override of syncline.cassandra.keyspace also moves the journal's keyspace.
        return ConfigFactory.load(overrides.withFallback(lists).withFallback(ConfigFactory.defaultApplication()));
    }

    private static List<String> list(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
