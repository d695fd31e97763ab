package io.syncline.embedding.remote;

import com.typesafe.config.ConfigFactory;
import io.syncline.embedding.Embedder;
import io.syncline.embedding.EmbeddingResult;
import io.syncline.embedding.EmbeddingSpec;
import io.syncline.testing.fake.FakeEmbeddingServer;
import io.syncline.testing.fake.Fault;
import io.syncline.testing.fake.FaultPlans;
import io.syncline.testing.fake.RecordedRequest;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One endpoint used by two nodes, A and B, each with its own governors, that tell each other what they see (in a
 * cluster the provider coordinator carries these reports; here they are handed over directly): a Retry-After or an
 * open circuit on one holds the other back, and each node keeps to its share of the limits.
 */
class EndpointSharingTest {

    private static ActorTestKit testKit;
    private static ProviderRuntime runtime;
    private FakeEmbeddingServer fake;
    private ProviderEndpoints nodeA;
    private ProviderEndpoints nodeB;
    private final List<EndpointState> announcedByA = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startSystem() {
        testKit = ActorTestKit.create(ConfigFactory.parseString("""
                syncline.providers.retry { base-backoff = 50ms, max-backoff = 100ms }
                syncline.providers.circuit-breaker { max-failures = 3, reset-timeout = 1s, max-reset-timeout = 1s,
                                                     open-poll = 50ms }
                """).withFallback(ConfigFactory.load()));
        runtime = ProviderRuntime.of(testKit.system().classicSystem(), Executors.newFixedThreadPool(8),
                ProviderSettings.fromConfig(testKit.system().settings().config()));
    }

    @AfterAll
    static void stopSystem() {
        testKit.shutdownTestKit();
    }

    @BeforeEach
    void twoNodes() throws IOException {
        fake = FakeEmbeddingServer.start();
        nodeA = new ProviderEndpoints(runtime, Map.of("FAKE_KEY", "test-key"));
        nodeB = new ProviderEndpoints(runtime, Map.of("FAKE_KEY", "test-key"));
        nodeA.announceTo(state -> {
            announcedByA.add(state);
            nodeB.reported("10.0.0.1:25520", state);
        });
        nodeB.announceTo(state -> nodeA.reported("10.0.0.2:25520", state));
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }

    @Test
    void aRetryAfterSeenByOneNodeHoldsTheOtherUntilItHasPassed() {
        fake.faults(FaultPlans.forFirst(1, Fault.tooManyRequests(Duration.ofSeconds(2))));
        Embedder onA = embedder(nodeA, 0);
        Embedder onB = embedder(nodeB, 0);

        onA.embed(List.of("from A"), List.of(2)).toCompletableFuture().join();
        List<EmbeddingResult> fromB = onB.embed(List.of("from B"), List.of(2)).toCompletableFuture().join();

        assertThat(fromB).allMatch(r -> r instanceof EmbeddingResult.Vector);
        RecordedRequest limited = fake.requests().stream().filter(r -> r.status().orElse(0) == 429).findFirst()
                .orElseThrow();
        assertThat(limited.inputs()).containsExactly("from A");
        RecordedRequest b = fake.requests().stream().filter(r -> r.inputs().contains("from B")).findFirst()
                .orElseThrow();
        assertThat(b.arrivedNanos()).as("B waited out the Retry-After that A was given")
                .isGreaterThanOrEqualTo(limited.answeredNanos().orElseThrow() + Duration.ofSeconds(2).toNanos());
    }

    @Test
    void whileOneNodeHasTheCircuitOpenTheOtherSendsNothingAndSaysWhere() {
        fake.faults(FaultPlans.forFirst(3, Fault.status(503)));
        Embedder onA = embedder(nodeA, 0);
        Embedder onB = embedder(nodeB, 0);

        var fromA = onA.embed(List.of("from A"), List.of(2)).toCompletableFuture();
        testKit.createTestProbe().awaitAssert(Duration.ofSeconds(5), () -> {
            ProviderStatus status = nodeB.statuses().get(0);
            assertThat(status.circuit()).isEqualTo("open");
            assertThat(status.openOn()).containsExactly("10.0.0.1:25520");
            return status;
        });
        List<EmbeddingResult> fromB = onB.embed(List.of("from B"), List.of(2)).toCompletableFuture().join();
        fromA.join();

        assertThat(fromB).allMatch(r -> r instanceof EmbeddingResult.Vector);
        long closedAt = fake.requests().stream().filter(r -> r.inputs().contains("from A")
                && r.status().orElse(0) == 200).findFirst().orElseThrow().answeredNanos().orElseThrow();
        RecordedRequest b = fake.requests().stream().filter(r -> r.inputs().contains("from B")).findFirst()
                .orElseThrow();
        assertThat(b.arrivedNanos()).as("B sent only once A's probe had closed the circuit")
                .isGreaterThanOrEqualTo(closedAt);
        assertThat(announcedByA).extracting(EndpointState::circuit).contains("open", "half-open", "closed");
    }

    @Test
    void eachNodeKeepsToItsShareOfTheRateAndTheConcurrency() {
        nodeA.share(new ClusterShare(0, 3));
        Embedder onA = embedder(nodeA, 60);

        onA.embed(List.of("first"), List.of(1)).toCompletableFuture().join();
        onA.embed(List.of("second"), List.of(1)).toCompletableFuture().join();

        List<RecordedRequest> requests = fake.requests();
        long gap = requests.get(1).arrivedNanos() - requests.get(0).arrivedNanos();
        // 60 requests a minute for the cluster: 20 for this node, one every 3 s (one a second alone).
        assertThat(Duration.ofNanos(gap)).isGreaterThan(Duration.ofMillis(2500));
        ProviderStatus status = nodeA.statuses().get(0);
        assertThat(status.share()).isEqualTo(1.0 / 3);
        assertThat(status.concurrency()).isEqualTo(2);
    }

    private Embedder embedder(ProviderEndpoints node, int requestsPerMinute) {
        return node.embedder(new EmbeddingSpec("openai", "text-embedding-3-small", fake.openAiBaseUrl(), 384,
                "FAKE_KEY", null, "2s", 8, requestsPerMinute, 0, 4, null));
    }
}
