package io.syncline.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncline.testing.fake.FakeEmbeddingServer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

/** The steps a user takes through one node's API in a chaos scenario, each checked for its expected status. */
public final class Workflows {

    /** The environment variable of every chaos node that holds the fake provider's key. */
    public static final String API_KEY_ENV = "SYNCLINE_CHAOS_API_KEY";
    /** Chunking of every chaos workspace: small chunks make many embedding calls out of a small corpus. */
    static final String CHUNKING = "{\"maxTokens\":128,\"overlapTokens\":12}";
    /** How long a setup step is repeated while the API answers 503. */
    private static final Duration RETRY_FOR = Duration.ofSeconds(60);

    private final NodeApi api;

    public Workflows(NodeApi api) {
        this.api = api;
    }

    /**
     * A workspace that embeds through a fake OpenAI-compatible provider: batches of {@code batchSize} texts, at
     * most {@code maxConcurrency} requests at once, 384 dimensions.
     */
    public void createWorkspace(String id, FakeEmbeddingServer provider, int batchSize, int maxConcurrency) {
        createWorkspace(id, provider, batchSize, maxConcurrency, 0);
    }

    /** As above, with a limit of requests a minute for the endpoint (0: none), which holds for the whole cluster. */
    public void createWorkspace(String id, FakeEmbeddingServer provider, int batchSize, int maxConcurrency,
                                int maxRequestsPerMinute) {
        String limits = ",\"timeout\":\"10s\",\"batchSize\":" + batchSize + ",\"maxConcurrency\":" + maxConcurrency
                + ",\"maxRequestsPerMinute\":" + maxRequestsPerMinute + ",\"maxTokensPerMinute\":0}";
        String where = definesEndpoints(id, provider)
                ? "\"endpoint\":" + NodeApi.quote(id) + ",\"model\":\"text-embedding-3-small\""
                // the previous release, which takes the provider's place and key from the workspace itself
                : "\"provider\":\"openai\",\"model\":\"text-embedding-3-small\",\"baseUrl\":"
                        + NodeApi.quote(provider.openAiBaseUrl()) + ",\"dimensions\":384,\"apiKeyEnv\":\""
                        + API_KEY_ENV + "\"";
        retrying(201, () -> api.post("/v1/workspaces", "{\"id\":" + NodeApi.quote(id) + ",\"embedding\":{" + where
                + limits + ",\"chunking\":" + CHUNKING + "}"));
    }

    /** Defines the provider as endpoint {@code name}; false on a node of a release without endpoints (404). */
    private boolean definesEndpoints(String name, FakeEmbeddingServer provider) {
        return Await.until(RETRY_FOR, "an endpoint defined", () -> {
            NodeApi.Response response = api.put("/v1/endpoints/" + name, "{\"kind\":\"openai\",\"baseUrl\":"
                    + NodeApi.quote(provider.openAiBaseUrl()) + ",\"apiKeyEnv\":\"" + API_KEY_ENV
                    + "\",\"models\":{\"text-embedding-3-small\":[384]}}");
            if (response.status() == 503) {
                throw new AssertionError("503, try again: " + response.body());
            }
            if (response.status() != 200 && response.status() != 404) {
                throw new Await.Hopeless("expected HTTP 200 or 404 but got " + response.status() + ": "
                        + response.body());
            }
            return response.status() == 200;
        });
    }

    public void addGitSource(String workspace, String source, Path repository) {
        retrying(201, () -> api.post("/v1/workspaces/" + workspace + "/sources", "{\"id\":" + NodeApi.quote(source)
                + ",\"type\":\"git\",\"uri\":" + NodeApi.quote(repository.toString()) + ",\"branch\":\"main\"}"));
    }

    /**
     * A step a client repeats while the API answers 503 (the API's "try again": a workspace moving or recovering
     * after a fault), as the scenarios' clients do between faults; any other answer than {@code expected} fails.
     */
    private static NodeApi.Response retrying(int expected, Supplier<NodeApi.Response> step) {
        return Await.until(RETRY_FOR, "HTTP " + expected, () -> {
            NodeApi.Response response = step.get();
            if (response.status() == 503) {
                throw new AssertionError("503, try again: " + response.body());
            }
            if (response.status() != expected) {
                throw new Await.Hopeless("expected HTTP " + expected + " but got " + response.status() + ": "
                        + response.body());
            }
            return response;
        });
    }

    /** Queues a full sync and answers its job id. */
    public String requestFullSync(String workspace, String source) {
        return retrying(202, () -> api.post("/v1/workspaces/" + workspace + "/syncs", "{\"source\":"
                + NodeApi.quote(source) + ",\"mode\":\"full\"}")).json().get("job").asText();
    }

    public JsonNode job(String workspace, String job) {
        return api.get("/v1/workspaces/" + workspace + "/syncs/" + job).expect(200).json();
    }

    /** Polls the job until it is no longer queued or running; answers its last view. */
    public JsonNode awaitFinished(String workspace, String job, Duration max, ChaosNode node) {
        return Await.until(max, "job " + job + " of " + workspace + " finished", () -> {
            JsonNode view = job(workspace, job);
            String state = view.path("state").asText();
            if (state.equals("queued") || state.equals("running")) {
                throw new AssertionError("it is " + state + ", " + view.path("documents"));
            }
            return view;
        }, node::logTail);
    }
}
