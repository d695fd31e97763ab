package io.syncline.node;

import com.typesafe.config.Config;
import org.apache.pekko.cluster.ConfigValidation;
import org.apache.pekko.cluster.JoinConfigCompatChecker;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

import java.util.List;

/**
 * Refuses a node that would join with another keyspace or another shard count: the first would read and write
 * another journal and index while taking shards of this cluster, the second would send a workspace to another shard
 * than the rest of the cluster does, so two nodes could run one workspace. The cluster's nodes log which setting
 * differs ("Found incompatible settings when ... tried to join"); the joining node learns only that it was refused,
 * logs its own values of these settings ({@link RefusedJoinLog}) and stops.
 */
public final class SynclineJoinCheck extends JoinConfigCompatChecker {

    static final List<String> KEYS = List.of("syncline.cassandra.keyspace", "pekko.cluster.sharding.number-of-shards");

    @Override
    public Seq<String> requiredKeys() {
        return CollectionConverters.asScala(KEYS).toList();
    }

    @Override
    public ConfigValidation check(Config toCheck, Config actualConfig) {
        return JoinConfigCompatChecker.fullMatch(requiredKeys(), toCheck, actualConfig);
    }
}
