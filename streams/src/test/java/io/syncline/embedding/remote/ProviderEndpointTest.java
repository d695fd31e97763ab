package io.syncline.embedding.remote;

import com.typesafe.config.ConfigFactory;
import io.syncline.embedding.Embedder;
import io.syncline.embedding.EmbeddingResult;
import io.syncline.embedding.EmbeddingSpec;
import io.syncline.embedding.ProviderUnavailableException;
import io.syncline.testing.fake.FakeEmbeddingServer;
import io.syncline.testing.fake.FakeVectors;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One endpoint's governor against the fake provider, through LangChain4j's real OpenAI client: every fault as the
 * provider would send it, and what reaches the provider in answer.
 */
class ProviderEndpointTest {

    private static ActorTestKit testKit;
    private static ProviderRuntime runtime;
    private FakeEmbeddingServer fake;
    private ProviderEndpoints endpoints;

    @BeforeAll
    static void startSystem() {
        testKit = ActorTestKit.create(ConfigFactory.parseString("""
                syncline.providers.retry { base-backoff = 50ms, max-backoff = 200ms, rate-limited-backoff = 200ms }
                syncline.providers.circuit-breaker { max-failures = 3, reset-timeout = 1s, max-reset-timeout = 2s,
                                                     open-poll = 100ms }
                """).withFallback(ConfigFactory.load()));
        runtime = ProviderRuntime.of(testKit.system().classicSystem(), Executors.newFixedThreadPool(8),
                ProviderSettings.fromConfig(testKit.system().settings().config()));
    }

    @AfterAll
    static void stopSystem() {
        testKit.shutdownTestKit();
    }

    @BeforeEach
    void startFake() throws IOException {
        fake = FakeEmbeddingServer.start();
        endpoints = new ProviderEndpoints(runtime, Map.of("FAKE_KEY", "test-key"));
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }

    @Test
    void aRetryAfterHoldsEveryCallOfTheEndpointUntilItHasPassed() {
        fake.faults(FaultPlans.forFirst(1, Fault.tooManyRequests(Duration.ofSeconds(2))));
        Embedder embedder = embedder("2s");

        List<List<EmbeddingResult>> results = join(IntStream.range(0, 6)
                .mapToObj(i -> embedder.embed(texts("batch " + i, 4), tokens(4)).toCompletableFuture()).toList());

        assertThat(results).allSatisfy(batch -> assertThat(batch).allMatch(r -> r instanceof EmbeddingResult.Vector));
        RecordedRequest limited = fake.requests().stream().filter(r -> r.status().orElse(0) == 429).findFirst()
                .orElseThrow();
        long pauseEnds = limited.answeredNanos().orElseThrow() + Duration.ofSeconds(2).toNanos();
        long inFlightTolerance = Duration.ofMillis(50).toNanos();
        assertThat(fake.requests())
                .filteredOn(r -> r.arrivedNanos() > limited.answeredNanos().orElseThrow() + inFlightTolerance)
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.arrivedNanos()).as("request %d", r.sequence())
                        .isGreaterThanOrEqualTo(pauseEnds));
    }

    @Test
    void failuresThatMayPassAreRetriedAndTheVectorsAreTheProvidersOwn() {
        fake.faults(FaultPlans.forFirst(2, Fault.status(500)));

        List<EmbeddingResult> results = embedder("2s").embed(List.of("alpha", "beta"), tokens(2))
                .toCompletableFuture().join();

        assertThat(fake.requests()).hasSize(3);
        assertThat(((EmbeddingResult.Vector) results.get(1)).values()).containsExactly(FakeVectors.of("beta", 384));
    }

    @Test
    void aHungRequestTimesOutAndIsRetried() {
        fake.faults(FaultPlans.forFirst(1, Fault.hang()));

        List<EmbeddingResult> results = embedder("500ms").embed(List.of("gamma"), tokens(1))
                .toCompletableFuture().join();

        assertThat(results.get(0)).isInstanceOf(EmbeddingResult.Vector.class);
        assertThat(fake.requests()).hasSize(2);
    }

    @Test
    void anInputTheProviderRefusesFailsAloneAndTheRestOfItsBatchIsEmbedded() {
        fake.faults(FaultPlans.rejectInputsContaining("POISON"));
        List<String> texts = new ArrayList<>(texts("clean", 8));
        texts.set(5, "a POISON text");

        List<EmbeddingResult> results = embedder("2s").embed(texts, tokens(8)).toCompletableFuture().join();

        assertThat(results.get(5)).isInstanceOfSatisfying(EmbeddingResult.Failure.class,
                failure -> assertThat(failure.reason()).contains("HTTP 400").contains("input"));
        assertThat(results).filteredOn(r -> r instanceof EmbeddingResult.Vector).hasSize(7);
        assertThat(fake.requests()).as("halves down to the refused input, no more").hasSizeLessThanOrEqualTo(7);
    }

    @Test
    void authenticationErrorsMalformedAnswersAndWrongDimensionsFailEveryInputAfterOneCall() {
        for (Fault fault : List.of(Fault.status(401), Fault.malformedJson(), Fault.wrongDimension(12))) {
            fake.reset().faults(FaultPlans.always(fault));

            List<EmbeddingResult> results = embedder("2s").embed(texts("x", 8), tokens(8))
                    .toCompletableFuture().join();

            assertThat(fake.requests()).as("calls for %s", fault).hasSize(1);
            assertThat(results).as("results for %s", fault).hasSize(8)
                    .allMatch(r -> r instanceof EmbeddingResult.Failure);
        }
        assertThat(((EmbeddingResult.Failure) embedder("2s").embed(List.of("y"), tokens(1)).toCompletableFuture()
                .join().get(0)).reason()).contains("12 dimensions");
    }

    @Test
    void anOutageOpensTheCircuitLetsFewCallsThroughAndTheBatchesFinishOnceItIsOver() {
        Instant until = Instant.now().plusSeconds(4);
        fake.faults(FaultPlans.outage(Instant.now(), until));
        Embedder embedder = embedder("2s");

        List<CompletableFuture<List<EmbeddingResult>>> batches = IntStream.range(0, 6)
                .mapToObj(i -> embedder.embed(texts("outage " + i, 2), tokens(2)).toCompletableFuture()).toList();
        ProviderStatus open = testKit.createTestProbe().awaitAssert(Duration.ofSeconds(5), () -> {
            ProviderStatus status = endpoints.statuses().get(0);
            assertThat(status.circuit()).isEqualTo("open");
            return status;
        });
        assertThatThrownBy(() -> embedder.embedQuery("while open").toCompletableFuture().join())
                .hasCauseInstanceOf(ProviderUnavailableException.class);
        List<List<EmbeddingResult>> results = join(batches);

        assertThat(open.lastError()).contains("HTTP 503");
        assertThat(results).allSatisfy(batch -> assertThat(batch).allMatch(r -> r instanceof EmbeddingResult.Vector));
        long callsDuringOutage = fake.requests().stream().filter(r -> r.arrivedAt().isBefore(until)).count();
        // Each of the 6 batches may fail once before three failures open the circuit; then one probe per reset
        // (1 s, then 2 s) during the 4 s outage: at most 6 + 5, against hundreds of calls without a circuit.
        assertThat(callsDuringOutage).as("calls while the provider was down").isLessThanOrEqualTo(11);
        assertThat(endpoints.statuses().get(0).circuit()).isEqualTo("closed");
    }

    @Test
    void twoWorkspacesOnOneEndpointShareItsGovernorAndEachGetsTheVectorsItAskedFor() {
        Embedder wide = endpoints.embedder(spec(384));
        Embedder narrow = endpoints.embedder(spec(256));

        List<EmbeddingResult> fromWide = wide.embed(List.of("wide"), tokens(1)).toCompletableFuture().join();
        List<EmbeddingResult> fromNarrow = narrow.embed(List.of("narrow"), tokens(1)).toCompletableFuture().join();
        float[] query = narrow.embedQuery("narrow query").toCompletableFuture().join();

        assertThat(((EmbeddingResult.Vector) fromWide.get(0)).values()).hasSize(384);
        assertThat(fromNarrow.get(0)).as("the second workspace's documents").isInstanceOf(EmbeddingResult.Vector.class);
        assertThat(((EmbeddingResult.Vector) fromNarrow.get(0)).values()).hasSize(256);
        assertThat(query).hasSize(256);
        assertThat(endpoints.endpoint(spec(384))).as("one governor for both")
                .containsSame(endpoints.endpoint(spec(256)).orElseThrow());
        assertThat(endpoints.statuses()).hasSize(1);
    }

    private EmbeddingSpec spec(int dimensions) {
        return new EmbeddingSpec("openai", "text-embedding-3-small", fake.openAiBaseUrl(), dimensions, "FAKE_KEY",
                null, "2s", 8, 0, 0, 4, null);
    }

    private Embedder embedder(String timeout) {
        return endpoints.embedder(new EmbeddingSpec("openai", "text-embedding-3-small", fake.openAiBaseUrl(), 384,
                "FAKE_KEY", null, timeout, 8, 0, 0, 4, null));
    }

    private static List<String> texts(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + " text " + i).toList();
    }

    private static List<Integer> tokens(int count) {
        return Collections.nCopies(count, 3);
    }

    private static <T> List<T> join(List<CompletableFuture<T>> futures) {
        try {
            return futures.stream().map(CompletableFuture::join).toList();
        } catch (CompletionException e) {
            throw new AssertionError(e.getCause());
        }
    }
}
