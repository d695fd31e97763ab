package io.syncline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncline.json.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The benchmark's client of its node's API: JSON in, JSON out, a non-2xx answer is an error. */
final class NodeClient {

    /** The operator's admin key of every benchmark node (syncline.auth.admin-key). */
    static final String ADMIN_KEY = "bench-operator-key-0123456789abcdefghij";

    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;

    NodeClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    JsonNode post(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    JsonNode put(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Creates a workspace with the given embedding config (a JSON object) and default chunking. */
    void createWorkspace(String id, String embedding) throws IOException, InterruptedException {
        post("/v1/workspaces", "{\"id\":" + quote(id) + ",\"embedding\":" + embedding + "}");
    }

    void addGitSource(String workspace, String id, String uri) throws IOException, InterruptedException {
        post("/v1/workspaces/" + workspace + "/sources", "{\"id\":" + quote(id) + ",\"type\":\"git\",\"uri\":"
                + quote(uri) + ",\"branch\":\"main\"}");
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request.header("Authorization", "Bearer " + ADMIN_KEY)
                        .timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(response.request().uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return Json.mapper().readTree(response.body());
    }

    static String quote(String value) throws IOException {
        return Json.mapper().writeValueAsString(value);
    }
}
