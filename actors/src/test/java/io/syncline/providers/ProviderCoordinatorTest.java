package io.syncline.providers;

import io.syncline.embedding.EmbeddingSpec;
import io.syncline.embedding.remote.ProviderEndpoints;
import io.syncline.embedding.remote.ProviderRuntime;
import io.syncline.embedding.remote.ProviderSettings;
import io.syncline.embedding.remote.ProviderStatus;
import io.syncline.testing.fake.FakeEmbeddingServer;
import io.syncline.testing.fake.Fault;
import io.syncline.testing.fake.FaultPlans;
import io.syncline.testing.TwoNodeCluster;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two real cluster nodes (two actor systems over Artery on loopback, every message serialized as between nodes),
 * each with its governors and its coordinator: they split the limits and a Retry-After one of them gets reaches the
 * other.
 */
class ProviderCoordinatorTest {

    private FakeEmbeddingServer fake;
    private TwoNodeCluster cluster;
    private ActorTestKit first;
    private ActorTestKit second;
    private ProviderEndpoints onFirst;
    private ProviderEndpoints onSecond;

    @BeforeEach
    void twoNodes() throws IOException {
        fake = FakeEmbeddingServer.start();
        cluster = TwoNodeCluster.start();
        first = cluster.first();
        second = cluster.second();
        onFirst = coordinated(first.system());
        onSecond = coordinated(second.system());
    }

    @AfterEach
    void stop() {
        cluster.close();
        fake.close();
    }

    @Test
    void twoNodesEachTakeHalfOfAnEndpointsLimits() {
        onFirst.embedder(spec());
        onSecond.embedder(spec());

        first.createTestProbe().awaitAssert(Duration.ofSeconds(10), () -> {
            assertThat(onFirst.statuses()).extracting(ProviderStatus::share).containsExactly(0.5);
            assertThat(onSecond.statuses()).extracting(ProviderStatus::share).containsExactly(0.5);
            assertThat(onFirst.statuses().get(0).concurrency() + onSecond.statuses().get(0).concurrency())
                    .isEqualTo(4);
            return null;
        });
    }

    @Test
    void aRetryAfterGivenToOneNodeReachesTheOther() {
        fake.faults(FaultPlans.forFirst(1, Fault.tooManyRequests(Duration.ofSeconds(30))));
        onSecond.embedder(spec());

        onFirst.embedder(spec()).embed(List.of("text"), List.of(1));

        second.createTestProbe().awaitAssert(Duration.ofSeconds(10), () -> {
            ProviderStatus status = onSecond.statuses().get(0);
            assertThat(status.pausedUntil()).as("the pause the first node was given").isNotNull();
            return status;
        });
        assertThat(fake.requests()).hasSize(1);
    }

    private ProviderEndpoints coordinated(ActorSystem<?> system) {
        ProviderSettings settings = ProviderSettings.fromConfig(system.settings().config());
        ProviderEndpoints endpoints = new ProviderEndpoints(ProviderRuntime.of(system.classicSystem(),
                Executors.newFixedThreadPool(4), settings), Map.of("FAKE_KEY", "test-key"));
        system.systemActorOf(ProviderCoordinator.create(endpoints, settings.reportInterval()), "providers",
                Props.empty());
        return endpoints;
    }

    private EmbeddingSpec spec() {
        return new EmbeddingSpec("openai", "text-embedding-3-small", fake.openAiBaseUrl(), 384, "FAKE_KEY", null,
                "5s", 8, 600, 0, 4, null);
    }
}
