package io.syncline.node;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The steps a user takes through the API, each checked for its expected status. */
final class Workflows {

    private final TestNode node;
    private final Api api;

    Workflows(TestNode node) {
        this.node = node;
        this.api = node.api();
    }

    JsonNode createWorkspace(String id, String configJson) {
        String body = configJson == null ? "{\"id\":\"" + id + "\"}" : "{\"id\":\"" + id + "\"," + configJson + "}";
        Api.Response response = api.post("/v1/workspaces", body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    /** An OpenAI-compatible endpoint at {@code baseUrl} with its key in {@code keyFile}, serving one model. */
    void defineEndpoint(String name, String baseUrl, Path keyFile, String model, int dimensions) {
        Api.Response response = api.put("/v1/endpoints/" + name, "{\"kind\":\"openai\",\"baseUrl\":"
                + Api.quote(baseUrl) + ",\"apiKeyFile\":" + Api.quote(keyFile.toString()) + ",\"models\":{"
                + Api.quote(model) + ":[" + dimensions + "]}}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    void addGitSource(String workspace, String source, String uri) {
        Api.Response response = api.post("/v1/workspaces/" + workspace + "/sources",
                "{\"id\":\"" + source + "\",\"type\":\"git\",\"uri\":" + Api.quote(uri) + ",\"branch\":\"main\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    void addFilesystemSource(String workspace, String source, String path) {
        Api.Response response = api.post("/v1/workspaces/" + workspace + "/sources",
                "{\"id\":\"" + source + "\",\"type\":\"filesystem\",\"path\":" + Api.quote(path) + "}");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    String requestSync(String workspace, String source, String mode) {
        Api.Response response = api.post("/v1/workspaces/" + workspace + "/syncs",
                "{\"source\":\"" + source + "\",\"mode\":\"" + mode + "\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return response.json().get("job").asText();
    }

    /** The job once finished (completed, completed with errors or failed). */
    JsonNode awaitJob(String workspace, String job) {
        return node.await(Duration.ofMinutes(3), () -> {
            JsonNode view = job(workspace, job);
            assertThat(view.get("state").asText()).as("state of %s", job).isNotIn("queued", "running");
            return view;
        });
    }

    JsonNode job(String workspace, String job) {
        Api.Response response = api.get("/v1/workspaces/" + workspace + "/syncs/" + job);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    /** Syncs and waits: the job, which must have completed. */
    JsonNode sync(String workspace, String source, String mode) {
        JsonNode done = awaitJob(workspace, requestSync(workspace, source, mode));
        assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("completed");
        return done;
    }

    JsonNode workspace(String id) {
        Api.Response response = api.get("/v1/workspaces/" + id);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    /** The manifest's lines, as the API streams them. */
    List<String> manifest(String workspace) {
        Api.Response response = api.get("/v1/workspaces/" + workspace + "/manifest");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.body().lines().toList();
    }

    JsonNode search(String workspace, String query, int k) {
        Api.Response response = api.post("/v1/workspaces/" + workspace + "/search",
                "{\"query\":" + Api.quote(query) + ",\"k\":" + k + "}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
