package io.syncline.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncline.testing.fake.FakeEmbeddingServer;
import io.syncline.testing.fake.Fault;
import io.syncline.testing.fake.FaultPlans;
import io.syncline.testing.fake.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Workspaces on all three nodes embed through one endpoint whose limit holds for the cluster, while the provider
 * answers 429 storms and 500s, then fails outright for a while, and a node hosting some of them dies. Every sync
 * completes with the index a fault-free sync builds, the three nodes together never send more than the limit in any
 * minute, and each node's /v1/providers shows the endpoint's circuit open during the outage.
 */
@ExtendWith(ChaosEnvironment.Resolver.class)
class ProviderChaosIT {

    private static final int REQUESTS_PER_MINUTE = 120;
    private static final int WORKSPACES = 6;
    private static final int DOCUMENTS = 24;

    @Test
    void stormsAndAnOutageWhileANodeDiesLoseNothingAndTheClusterKeepsToTheLimit(ChaosEnvironment env) {
        ChaosNode via = env.cluster().node("n1");
        Path corpus = CorpusRepo.create(env.run().resolve("provider-corpus.git"), DOCUMENTS, 2);
        try (FakeEmbeddingServer clean = env.provider(); FakeEmbeddingServer stormy = env.provider()) {
            Workflows user = env.user(via);
            user.createWorkspace("provider-reference", clean, 4, 6);
            user.addGitSource("provider-reference", "repo", corpus);
            String referenceJob = user.requestFullSync("provider-reference", "repo");
            assertThat(user.awaitFinished("provider-reference", referenceJob, Duration.ofMinutes(2), via)
                    .path("state").asText()).isEqualTo("completed");

            stormy.rateLimit(REQUESTS_PER_MINUTE).latency(Duration.ofMillis(100))
                    .faults(FaultPlans.random(7, 0.05, 0.30, Duration.ofSeconds(2), 0));
            Map<String, String> jobs = new LinkedHashMap<>();
            Set<ChaosNode> hosts = new HashSet<>();
            for (int i = 1; i <= WORKSPACES; i++) {
                String workspace = "provider-" + i;
                user.createWorkspace(workspace, stormy, 4, 6, REQUESTS_PER_MINUTE);
                user.addGitSource(workspace, "repo", corpus);
                hosts.add(env.hostOf(workspace, via));
            }
            assertThat(hosts).as("nodes hosting the workspaces: the limit must be shared to be tested")
                    .hasSizeGreaterThan(1);
            for (int i = 1; i <= WORKSPACES; i++) {
                jobs.put("provider-" + i, user.requestFullSync("provider-" + i, "repo"));
            }
            Await.until(Duration.ofMinutes(1), "a third of the provider's work done", () -> {
                assertThat(stormy.requests()).hasSizeGreaterThan(15);
                return null;
            });

            stormy.faults(FaultPlans.always(Fault.status(503)));
            for (ChaosNode node : env.cluster().nodes()) {
                Await.until(Duration.ofSeconds(60), node.name() + " showing the endpoint's circuit open", () -> {
                    JsonNode providers = new NodeApi(node).get("/v1/providers").expect(200).json().path("providers");
                    List<String> circuits = new ArrayList<>();
                    providers.forEach(p -> {
                        if (p.path("baseUrl").asText().equals(stormy.openAiBaseUrl())) {
                            circuits.add(p.path("circuit").asText());
                        }
                    });
                    assertThat(circuits).containsExactly("open");
                    return null;
                });
            }
            ChaosNode victim = env.hostOf("provider-1", via);
            ChaosNode survivor = env.cluster().others(victim).get(0);
            victim.kill();
            stormy.faults(FaultPlans.random(8, 0.05, 0.30, Duration.ofSeconds(2), 0));

            for (Map.Entry<String, String> job : jobs.entrySet()) {
                JsonNode done = env.user(survivor).awaitFinished(job.getKey(), job.getValue(), Duration.ofMinutes(4),
                        survivor);
                assertThat(done.path("state").asText()).as(job.getKey() + ": " + done).isEqualTo("completed");
            }
            List<RecordedRequest> requests = stormy.requests();
            assertThat(requests).filteredOn(r -> r.status().orElse(0) == 429).as("the 429 storm").isNotEmpty();
            assertThat(requests).filteredOn(r -> r.status().orElse(0) == 503).as("the outage").isNotEmpty();
            assertThat(busiestMinute(requests)).as("requests of the three nodes in the busiest minute")
                    .isLessThanOrEqualTo(REQUESTS_PER_MINUTE);

            victim.start();
            victim.awaitReady(Duration.ofMinutes(2));
            NothingLost checks = env.checks();
            for (Map.Entry<String, String> job : jobs.entrySet()) {
                checks.check(new NodeApi(survivor), job.getKey(), job.getValue(), "provider-reference");
            }
        }
    }

    /** The most requests that arrived within any 60 s. */
    private static int busiestMinute(List<RecordedRequest> requests) {
        List<Long> arrivals = requests.stream().map(RecordedRequest::arrivedNanos).sorted().toList();
        int most = 0;
        int first = 0;
        for (int last = 0; last < arrivals.size(); last++) {
            while (arrivals.get(last) - arrivals.get(first) >= Duration.ofMinutes(1).toNanos()) {
                first++;
            }
            most = Math.max(most, last - first + 1);
        }
        return most;
    }
}
