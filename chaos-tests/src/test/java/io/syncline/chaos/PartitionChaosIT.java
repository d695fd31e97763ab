package io.syncline.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncline.chaos.ChaosEnvironment.RunningSync;
import io.syncline.testing.fake.FakeEmbeddingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The node that hosts a syncing workspace is cut off from the other two (blackhole routes both ways; Cassandra and
 * the test still reach it). The minority downs itself and exits, the majority resumes the job and finishes it; once
 * healed and restarted, the node is a third member Up again, and nothing is lost.
 */
@ExtendWith(ChaosEnvironment.Resolver.class)
class PartitionChaosIT {

    @Test
    void theMinorityDownsItselfAndTheMajorityFinishesTheJob(ChaosEnvironment env) {
        try (FakeEmbeddingServer provider = env.provider()) {
            RunningSync sync = env.startSync("partition", provider, env.cluster().node("n1"));
            ChaosNode minority = sync.host();
            List<ChaosNode> majority = env.cluster().others(minority);
            ChaosNode via = majority.get(0);
            env.network().partition(minority.host(), majority.stream().map(ChaosNode::host)
                    .toArray(TestNetwork.Host[]::new));

            Await.until(Duration.ofSeconds(30), "the majority seeing " + minority.name() + " unreachable", () -> {
                assertThat(ClusterView.of(via).unreachable()).extracting(ClusterView.Unreachable::node)
                        .contains(minority.clusterAddress());
                return null;
            }, via::logTail);
            minority.awaitExit(Duration.ofSeconds(60), "it downed itself");
            assertThat(minority.logText()).as("the minority's own split brain resolver decided").contains("SBR took decision");
            ChaosNode heir = env.awaitHostOtherThan(sync.workspace(), minority, via, Duration.ofMinutes(1));
            JsonNode done = env.awaitFinished(sync, heir, Duration.ofMinutes(3));
            assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("completed");

            env.network().healAll();
            minority.start();
            minority.awaitReady(Duration.ofMinutes(2));
            ClusterView.awaitMembersUp(env.cluster().nodes(), Duration.ofMinutes(1));
            env.nothingLost(sync, heir);
        }
    }
}
