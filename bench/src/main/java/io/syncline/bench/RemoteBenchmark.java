package io.syncline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncline.source.TestRepo;
import io.syncline.testing.TestCorpus;
import io.syncline.testing.fake.FakeEmbeddingServer;
import io.syncline.testing.fake.RecordedRequest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code remote}: a full sync through the fake OpenAI-compatible provider, which enforces a rate limit (a sliding
 * window of R requests a minute, 429 with Retry-After beyond it) and answers after L ms. The workspace is configured
 * with the same limit: how much of the allowed rate does a long sync use, and how often does it hit the limit?
 *
 * <p>RESULT: {@code docs_per_s}, {@code rate_utilization} (achieved requests a minute over the allowed, measured
 * from the first request to the last), {@code responses_429} (their share of all requests).
 */
final class RemoteBenchmark {

    private final int documents;
    private final int requestsPerMinute;
    private final int latencyMs;
    private final int batchSize;
    private final int concurrency;

    static final Set<String> OPTIONS = Set.of(CorpusOptions.DOCS, "rpm", "latency-ms", "batch", "concurrency");

    RemoteBenchmark(Options options) {
        options.allowing(OPTIONS);
        this.documents = options.integer("docs", 2000);
        this.requestsPerMinute = options.integer("rpm", 600);
        this.latencyMs = options.integer("latency-ms", 20);
        this.batchSize = options.integer("batch", 4);
        this.concurrency = options.integer("concurrency", 4);
    }

    Result run() throws Exception {
        System.out.println("remote: " + Machine.describe());
        System.out.printf("  %d documents, provider limit %d requests/min, latency %d ms, batch %d, "
                + "concurrency %d%n", documents, requestsPerMinute, latencyMs, batchSize, concurrency);
        Path work = Files.createTempDirectory("syncline-bench-remote");
        String repository = corpus(work.resolve("corpus.git"));
        Path key = Files.writeString(work.resolve("key"), "bench-key");
        try (FakeEmbeddingServer provider = FakeEmbeddingServer.start();
             BenchNode node = BenchNode.start("remote", Map.of())) {
            provider.rateLimit(requestsPerMinute).latency(Duration.ofMillis(latencyMs));
            NodeClient api = new NodeClient(node.httpPort());
            new FakeEndpoint(provider.openAiBaseUrl(), key).defineOn(api);
            api.createWorkspace("remote", FakeEndpoint.embedding("\"batchSize\":" + batchSize + ",\"maxConcurrency\":"
                    + concurrency + ",\"maxRequestsPerMinute\":" + requestsPerMinute + ",\"maxTokensPerMinute\":0"));
            api.post("/v1/workspaces/remote/sources", "{\"id\":\"corpus\",\"type\":\"git\",\"uri\":"
                    + NodeClient.quote(repository) + "}");
            long started = System.nanoTime();
            String job = api.post("/v1/workspaces/remote/syncs", "{\"source\":\"corpus\",\"mode\":\"full\"}")
                    .get("job").asText();
            JsonNode done = follow(api, job, provider, started);
            double seconds = (System.nanoTime() - started) / 1e9;
            return report(done, provider.requests(), seconds);
        }
    }

    private JsonNode follow(NodeClient api, String job, FakeEmbeddingServer provider, long started)
            throws Exception {
        while (true) {
            JsonNode view = api.get("/v1/workspaces/remote/syncs/" + job);
            String state = view.get("state").asText();
            List<RecordedRequest> calls = provider.requests();
            System.out.printf("  %5.0f s  %-9s %5d/%d documents, %5d requests (%d answered 429)%n",
                    (System.nanoTime() - started) / 1e9, state, view.get("documents").get("seen").asInt(),
                    documents, calls.size(), calls.stream().filter(c -> c.status().orElse(0) == 429).count());
            if (!state.equals("queued") && !state.equals("running")) {
                return view;
            }
            Thread.sleep(5000); // a progress line every 5 s
        }
    }

    private Result report(JsonNode job, List<RecordedRequest> calls, double seconds) {
        long limited = calls.stream().filter(c -> c.status().orElse(0) == 429).count();
        double spanMinutes = (calls.get(calls.size() - 1).arrivedNanos() - calls.get(0).arrivedNanos()) / 60e9;
        double achieved = (calls.size() - 1) / spanMinutes;
        System.out.printf(Locale.ROOT, "  job %s: %s, %d chunks embedded in %d requests over %.1f s%n",
                job.get("job").asText(), job.get("state").asText(), job.get("chunks").get("embedded").asInt(),
                calls.size(), seconds);
        return new Result("remote")
                .put("docs", documents)
                .put("rpm", requestsPerMinute)
                .put("latency_ms", latencyMs)
                .put("requests", calls.size())
                .put("docs_per_s", documents / seconds, 2)
                .put("achieved_rpm", achieved, 1)
                .put("rate_utilization", achieved / requestsPerMinute, 3)
                .put("responses_429", limited)
                .put("responses_429_share", (double) limited / calls.size(), 4)
                .put("state", job.get("state").asText());
    }

    private String corpus(Path location) {
        try (TestRepo repo = TestRepo.bare(location)) {
            TestRepo.Snapshot files = repo.on("main");
            for (int i = 0; i < documents; i++) {
                files.file(String.format("docs/%04d.md", i), TestCorpus.markdown(9000L + i, 1 + i % 3));
            }
            files.commit();
            return repo.location().toString();
        }
    }
}
