package io.syncline.node;

import com.typesafe.config.Config;

import java.time.Duration;

/**
 * How a node watches its own reach to Cassandra, read once from {@code syncline.cassandra.watch}.
 *
 * @param probeInterval how often it asks Cassandra a trivial query and tells the other nodes
 * @param leaveAfter    how long it may fail, while others succeed, before it leaves the cluster
 */
record StorageWatchSettings(Duration probeInterval, Duration leaveAfter) {

    static StorageWatchSettings fromConfig(Config config) {
        Config c = config.getConfig("syncline.cassandra.watch");
        return new StorageWatchSettings(c.getDuration("probe-interval"), c.getDuration("leave-after"));
    }
}
