package io.syncline.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.syncline.membership.FenceSettings;
import org.apache.pekko.cluster.Valid$;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NodeConfigTest {

    @Test
    void defaultsServeOnLoopbackWithTheLocalCassandraAndOneKeyspaceForEverything() {
        Config config = NodeConfig.load(ConfigFactory.empty(), Map.of());
        NodeSettings settings = NodeSettings.fromConfig(config);

        assertThat(settings.httpInterface()).isEqualTo("127.0.0.1");
        assertThat(settings.httpPort()).isEqualTo(8080);
        assertThat(settings.keyspace()).isEqualTo("syncline");
        assertThat(config.getStringList("datastax-java-driver.basic.contact-points"))
                .containsExactly("127.0.0.1:9042");
        assertThat(config.getString("pekko.persistence.cassandra.journal.keyspace")).isEqualTo("syncline");
        assertThat(config.getStringList("pekko.cluster.seed-nodes"))
                .containsExactly("pekko://Syncline@127.0.0.1:25520");
    }

    @Test
    void listsComeFromTheEnvironmentSplitOnCommas() {
        Config config = NodeConfig.load(ConfigFactory.empty(), Map.of(
                "SYNCLINE_CASSANDRA_CONTACT_POINTS", "10.0.0.1:9042, 10.0.0.2:9043",
                "SYNCLINE_SEED_NODES", "pekko://Syncline@a:25520,pekko://Syncline@b:25520"));

        assertThat(config.getStringList("datastax-java-driver.basic.contact-points"))
                .containsExactly("10.0.0.1:9042", "10.0.0.2:9043");
        assertThat(config.getStringList("pekko.cluster.seed-nodes"))
                .containsExactly("pekko://Syncline@a:25520", "pekko://Syncline@b:25520");
    }

    @Test
    void aKeyspaceOverrideAlsoMovesTheJournalAndSnapshots() {
        Config config = NodeConfig.load(ConfigFactory.parseMap(Map.of("syncline.cassandra.keyspace", "other")),
                Map.of());

        assertThat(config.getString("pekko.persistence.cassandra.journal.keyspace")).isEqualTo("other");
        assertThat(config.getString("pekko.persistence.cassandra.snapshot.keyspace")).isEqualTo("other");
    }

    @Test
    void aShorterStableAfterAlsoShortensTheFreezeAfterWhichANodeStopsWriting() {
        Config defaults = NodeConfig.load(ConfigFactory.empty(), Map.of());
        Config quick = NodeConfig.load(ConfigFactory.parseMap(
                Map.of("pekko.cluster.split-brain-resolver.stable-after", "5s")), Map.of());

        assertThat(FenceSettings.fromConfig(defaults).maxPause()).isEqualTo(Duration.ofSeconds(20));
        assertThat(FenceSettings.fromConfig(quick).maxPause()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.getString("pekko.cluster.split-brain-resolver.active-strategy")).isEqualTo("keep-majority");
        assertThat(defaults.getString("pekko.cluster.downing-provider-class")).contains("SplitBrainResolverProvider");
    }

    @Test
    void theClusterSeesTheBuildsVersion() {
        Config config = NodeConfig.load(ConfigFactory.empty(), Map.of());

        assertThat(config.getString("pekko.cluster.app-version"))
                .isEqualTo(config.getString("syncline.version"))
                .matches("\\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void aNodeOfAnotherKeyspaceOrShardCountIsRefused() {
        Config ours = NodeConfig.load(ConfigFactory.empty(), Map.of());
        Config otherKeyspace = NodeConfig.load(ConfigFactory.parseMap(
                Map.of("syncline.cassandra.keyspace", "elsewhere")), Map.of());
        Config otherShards = NodeConfig.load(ConfigFactory.parseMap(
                Map.of("pekko.cluster.sharding.number-of-shards", 64)), Map.of());
        SynclineJoinCheck check = new SynclineJoinCheck();

        assertThat(check.check(ours, ours)).isEqualTo(Valid$.MODULE$);
        assertThat(check.check(otherKeyspace, ours).toString()).contains("syncline.cassandra.keyspace");
        assertThat(check.check(otherShards, ours).toString()).contains("number-of-shards");
    }

    @Test
    void aRefusedNodeSaysWhichOfItsSettingsTheClusterCompares() {
        Config otherKeyspace = NodeConfig.load(ConfigFactory.parseMap(
                Map.of("syncline.cassandra.keyspace", "elsewhere")), Map.of());

        assertThat(RefusedJoinLog.explanation(otherKeyspace))
                .contains("syncline.cassandra.keyspace = elsewhere")
                .contains("pekko.cluster.sharding.number-of-shards = 100")
                .contains("Found incompatible settings");
    }
}
