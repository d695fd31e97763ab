package io.syncline.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncline.source.TestRepo;
import io.syncline.testing.TestCorpus;
import io.syncline.testing.TestKeyspace;
import io.syncline.testing.fake.FakeEmbeddingServer;
import io.syncline.testing.fake.Fault;
import io.syncline.testing.fake.FaultPlans;
import io.syncline.testing.fake.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Syncs through a remote provider that misbehaves, on a real node: the fake OpenAI-compatible server speaks the
 * real wire format to LangChain4j's real client and injects the faults.
 */
class ProviderResilienceIT {

    private static TestKeyspace keyspace;
    private static TestNode node;
    private static Workflows user;
    private static Path keyFile;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws IOException {
        keyspace = TestKeyspace.create(ProviderResilienceIT.class);
        node = TestNode.start(keyspace.name(), tmp.resolve("home"), Map.of(
                "syncline.providers.retry.base-backoff", "200ms",
                "syncline.providers.retry.max-backoff", "1s",
                "syncline.providers.retry.max-attempts", 10,
                "syncline.providers.retry.rate-limited-backoff", "500ms"));
        user = new Workflows(node);
        keyFile = Files.writeString(tmp.resolve("provider.key"), "test-key\n");
    }

    @AfterAll
    static void stop() {
        node.close();
        keyspace.close();
    }

    @Test
    void aSyncThroughFailuresRateLimitsAndHangsEndsAsIfNothingHadFailed() throws IOException {
        String repo = realTextRepository("mixed", 250);
        try (FakeEmbeddingServer clean = FakeEmbeddingServer.start();
             FakeEmbeddingServer faulty = FakeEmbeddingServer.start()) {
            faulty.faults(FaultPlans.random(42, 0.20, 0.10, Duration.ofSeconds(1), 0.03));

            JsonNode fine = syncThrough("fine", clean, repo);
            JsonNode rough = syncThrough("rough", faulty, repo);

            assertThat(fine.get("state").asText()).isEqualTo("completed");
            assertThat(rough.get("state").asText()).as(rough.toString()).isEqualTo("completed");
            assertThat(user.manifest("rough")).hasSize(250).isEqualTo(user.manifest("fine"));
            List<RecordedRequest> calls = faulty.requests();
            assertThat(calls).as("calls with faults against %d without", clean.requests().size())
                    .hasSizeLessThanOrEqualTo((int) (2.5 * clean.requests().size()));
            assertThat(calls).anyMatch(r -> r.status().orElse(0) == 429)
                    .anyMatch(r -> r.status().orElse(0) == 500)
                    .anyMatch(r -> r.outcome() == RecordedRequest.Outcome.HUNG);
            assertNoCallDuringARetryAfter(calls);
        }
    }

    @Test
    void aDocumentTheProviderAlwaysRefusesIsADeadLetterUntilTheProviderAcceptsItAndItIsRetried() throws IOException {
        String repo = repository("poison", 30, "docs/page-017.md");
        try (FakeEmbeddingServer fake = FakeEmbeddingServer.start()) {
            fake.faults(FaultPlans.rejectInputsContaining("POISON-MARKER"));

            JsonNode job = syncThrough("poison", fake, repo);

            assertThat(job.get("state").asText()).isEqualTo("completed_with_errors");
            assertThat(job.get("documents").get("failed").asInt()).isEqualTo(1);
            assertThat(job.get("documents").get("added").asInt()).isEqualTo(29);
            assertThat(user.manifest("poison")).hasSize(29).noneMatch(line -> line.contains("page-017"));
            JsonNode letters = node.api().get("/v1/workspaces/poison/dead-letters").json().get("items");
            assertThat(letters).hasSize(1);
            JsonNode letter = letters.get(0);
            assertThat(letter.get("path").asText()).isEqualTo("docs/page-017.md");
            assertThat(letter.get("error").asText()).contains("HTTP 400").contains("input");
            assertThat(letter.get("attempts").asInt()).isPositive();
            assertThat(letter.get("firstFailedAt").isNull()).isFalse();

            fake.faults(FaultPlans.none());
            Api.Response retry = node.api().post("/v1/workspaces/poison/dead-letters/retry", "{}");
            assertThat(retry.status()).as(retry.body()).isEqualTo(202);
            JsonNode retried = user.awaitJob("poison", retry.json().get("job").asText());

            assertThat(retried.get("state").asText()).isEqualTo("completed");
            assertThat(retried.get("mode").asText()).isEqualTo("retry");
            assertThat(retried.get("documents").get("seen").asInt()).as("only the dead letter is read").isEqualTo(1);
            assertThat(retried.get("documents").get("added").asInt()).isEqualTo(1);
            assertThat(node.api().get("/v1/workspaces/poison/dead-letters").json().get("items")).isEmpty();
            assertThat(user.manifest("poison")).hasSize(30);
        }
    }

    @Test
    void anOutageOpensTheCircuitLetsOnlyAHandfulOfProbesThroughAndTheSyncThenCompletes() throws Exception {
        String repo = repository("outage", 60, null);
        try (FakeEmbeddingServer fake = FakeEmbeddingServer.start()) {
            fake.latency(Duration.ofMillis(100));
            createWorkspace("outage", fake);
            user.addGitSource("outage", "repo", repo);
            String job = user.requestSync("outage", "repo", "full");
            fake.awaitRequest(r -> r.sequence() >= 3, Duration.ofSeconds(60));
            Instant outageStart = Instant.now();
            Instant outageEnd = outageStart.plusSeconds(25);
            fake.faults(FaultPlans.outage(outageStart, outageEnd));

            JsonNode provider = node.await(Duration.ofSeconds(25), () -> {
                JsonNode providers = node.api().get("/v1/providers").json().get("providers");
                JsonNode mine = findProvider(providers, fake);
                assertThat(mine.get("circuit").asText()).isEqualTo("open");
                return mine;
            });
            JsonNode waiting = user.job("outage", job);
            Api.Response search = node.api().post("/v1/workspaces/outage/search", "{\"query\":\"anything\"}");
            JsonNode done = user.awaitJob("outage", job);

            assertThat(provider.get("lastError").asText()).contains("HTTP 503");
            assertThat(waiting.get("state").asText()).isEqualTo("running");
            assertThat(waiting.get("providerTrouble").asText()).contains("circuit");
            assertThat(search.status()).as("a search answers at once while the provider is down").isEqualTo(503);
            assertThat(search.code()).isEqualTo("provider_unavailable");
            assertThat(done.get("state").asText()).isEqualTo("completed");
            assertThat(done.get("documents").get("added").asInt()).isEqualTo(60);
            long probes = fake.requests().stream().filter(r -> !r.arrivedAt().isBefore(outageStart)
                    && r.arrivedAt().isBefore(outageEnd)).count();
            // Up to 4 in flight and a few queued fail once before five failures open the circuit; then a probe
            // after 10 s and after 20 s more. Without the circuit, 25 s at this pace would be about 250 calls.
            assertThat(probes).as("calls that reached the provider while it was down").isLessThanOrEqualTo(12);
            assertThat(findProvider(node.api().get("/v1/providers").json().get("providers"), fake)
                    .get("circuit").asText()).isEqualTo("closed");
        }
    }

    @Test
    void refusalsThatNoRetryCanFixCauseNoStormAndEndAsDeadLettersWithTheReason() throws IOException {
        String repo = repository("refusals", 12, null);
        Map<String, Fault> faults = Map.of("unauthorized", Fault.status(401), "malformed", Fault.malformedJson(),
                "wrongsize", Fault.wrongDimension(12), "badrequest", Fault.status(400));
        Map<String, String> reasons = Map.of("unauthorized", "HTTP 401", "malformed", "not the JSON expected",
                "wrongsize", "12 dimensions", "badrequest", "HTTP 400");
        for (var fault : faults.entrySet()) {
            try (FakeEmbeddingServer fake = FakeEmbeddingServer.start()) {
                fake.faults(FaultPlans.always(fault.getValue()));

                JsonNode job = syncThrough(fault.getKey(), fake, repo);

                assertThat(job.get("state").asText()).isEqualTo("completed_with_errors");
                assertThat(job.get("documents").get("failed").asInt()).isEqualTo(12);
                Map<String, Integer> timesSent = new HashMap<>();
                fake.requests().forEach(r -> r.inputs().forEach(t -> timesSent.merge(t, 1, Integer::sum)));
                int allowed = fault.getKey().equals("badrequest") ? 1 + 3 : 1; // a batch of 8 splits 3 times
                assertThat(timesSent.values()).as("times each text was sent for %s", fault.getKey())
                        .allMatch(times -> times <= allowed);
                JsonNode letters = node.api().get("/v1/workspaces/" + fault.getKey() + "/dead-letters").json()
                        .get("items");
                assertThat(letters).hasSize(12);
                letters.forEach(letter -> assertThat(letter.get("error").asText()).contains(reasons.get(fault.getKey())));
            }
        }
    }

    /** Every call that arrived after a 429 was answered (plus calls already on their way) waited its Retry-After. */
    private static void assertNoCallDuringARetryAfter(List<RecordedRequest> calls) {
        long inFlight = Duration.ofMillis(50).toNanos();
        for (RecordedRequest limited : calls) {
            if (limited.status().orElse(0) != 429 || limited.retryAfterSeconds().isEmpty()) {
                continue;
            }
            long answered = limited.answeredNanos().orElseThrow();
            long pauseEnds = answered + Duration.ofSeconds(limited.retryAfterSeconds().getAsLong()).toNanos();
            assertThat(calls).filteredOn(r -> r.arrivedNanos() > answered + inFlight)
                    .allSatisfy(r -> assertThat(r.arrivedNanos())
                            .as("request %d after the 429 of request %d", r.sequence(), limited.sequence())
                            .isGreaterThanOrEqualTo(pauseEnds));
        }
    }

    private static JsonNode syncThrough(String workspace, FakeEmbeddingServer fake, String repo) {
        createWorkspace(workspace, fake);
        user.addGitSource(workspace, "repo", repo);
        return user.awaitJob(workspace, user.requestSync(workspace, "repo", "full"));
    }

    /** A workspace on the fake, through an endpoint of its own name. */
    private static void createWorkspace(String workspace, FakeEmbeddingServer fake) {
        user.defineEndpoint(workspace, fake.openAiBaseUrl(), keyFile, "text-embedding-3-small", 384);
        user.createWorkspace(workspace, "\"embedding\":{\"endpoint\":\"" + workspace + "\","
                + "\"model\":\"text-embedding-3-small\",\"timeout\":\"1s\",\"batchSize\":8,\"maxConcurrency\":4}");
    }

    private static JsonNode findProvider(JsonNode providers, FakeEmbeddingServer fake) {
        for (JsonNode provider : providers) {
            if (provider.get("baseUrl").asText().equals(fake.openAiBaseUrl())) {
                return provider;
            }
        }
        throw new AssertionError("no provider for " + fake.openAiBaseUrl() + " in " + providers);
    }

    /**
     * A repository of real text: this checkout's own sources and documents (Java, Markdown, configuration), the
     * first {@code count} in path order.
     */
    private static String realTextRepository(String name, int count) throws IOException {
        Path checkout = Path.of(System.getProperty("syncline.checkout")).toAbsolutePath().normalize();
        List<Path> files;
        try (var walk = Files.walk(checkout)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> !checkout.relativize(p).toString().matches("(^|.*/)(target|\\.git|\\.syncline)/.*"))
                    .filter(p -> p.toString().matches(".*\\.(java|md|conf|cql|xml)$"))
                    .sorted().limit(count).toList();
        }
        assertThat(files).as("text files in the checkout").hasSize(count);
        TestRepo repo = TestRepo.bare(tmp.resolve(name + ".git"));
        TestRepo.Snapshot snapshot = repo.on("main");
        for (Path file : files) {
            snapshot.file(checkout.relativize(file).toString(), Files.readAllBytes(file));
        }
        snapshot.commit();
        return repo.location().toString();
    }

    /** A repository of generated Markdown documents; the named one carries the marker the fake refuses. */
    private static String repository(String name, int documents, String poisoned) {
        TestRepo repo = TestRepo.bare(tmp.resolve(name + ".git"));
        TestRepo.Snapshot files = repo.on("main");
        for (int i = 0; i < documents; i++) {
            String path = String.format("docs/page-%03d.md", i);
            String text = TestCorpus.markdown(name.hashCode() * 1000L + i, 1 + i % 2);
            files.file(path, path.equals(poisoned) ? text + "\nPOISON-MARKER\n" : text);
        }
        files.commit();
        return repo.location().toString();
    }
}
