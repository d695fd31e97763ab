package io.syncline.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncline.testing.fake.FakeEmbeddingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A graceful rolling restart of all three nodes, the oldest last, under a steady load of searches and sync requests
 * sent only to ready nodes, as a load balancer would: not one request fails, every job asked for completes, and
 * nothing is lost.
 */
@ExtendWith(ChaosEnvironment.Resolver.class)
class RollingRestartChaosIT {

    @Test
    void aRollingRestartUnderLoadFailsNoRequestAndLosesNoJob(ChaosEnvironment env) {
        ChaosNode first = env.cluster().node("n1");
        try (FakeEmbeddingServer provider = env.provider()) {
            provider.latency(Duration.ofMillis(100));
            Workflows user = env.user(first);
            user.createWorkspace("rolling", provider, 4, 2);
            user.addGitSource("rolling", "repo", env.repository());

            List<ChaosNode> order = new ArrayList<>(env.cluster().others(env.oldest(first)));
            order.add(env.oldest(first));
            List<Long> pidsBefore = env.cluster().nodes().stream().map(ChaosNode::pid).toList();
            LoadBalancedClient load = new LoadBalancedClient(env.cluster().nodes(), ChaosEnvironment.REFERENCE,
                    "rolling");
            try {
                for (ChaosNode node : order) {
                    node.stop();
                    assertThat(node.alive()).as(node.name() + " stopped").isFalse();
                    node.start();
                    node.awaitReady(Duration.ofMinutes(2));
                    ClusterView.awaitMembersUp(env.cluster().nodes(), Duration.ofMinutes(1));
                }
            } finally {
                load.close();
            }

            assertThat(env.cluster().nodes().stream().map(ChaosNode::pid).toList()).as("every node restarted")
                    .doesNotContainAnyElementsOf(pidsBefore);
            assertThat(load.requests()).as("requests sent during the restart").isGreaterThan(50);
            assertThat(load.failures()).as("failed requests").isEmpty();
            assertThat(load.jobs()).as("sync jobs asked for").isNotEmpty();
            String last = null;
            for (String job : load.jobs()) {
                JsonNode done = user.awaitFinished("rolling", job, Duration.ofMinutes(3), first);
                assertThat(done.path("state").asText()).as(job + ": " + done).isEqualTo("completed");
                last = last == null || jobNumber(job) > jobNumber(last) ? job : last;
            }
            env.checks().check(new NodeApi(first), "rolling", last, ChaosEnvironment.REFERENCE);
        }
    }

    private static int jobNumber(String job) {
        return Integer.parseInt(job.substring("job-".length()));
    }
}
