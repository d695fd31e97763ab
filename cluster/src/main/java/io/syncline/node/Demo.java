package io.syncline.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncline.auth.AuthSettings;
import io.syncline.auth.FirstAdminKey;
import io.syncline.json.Json;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The demo of bin/syncline: through the node's own HTTP API, as a user would, it creates workspace "demo" with a
 * git source on a repository, syncs it while printing progress, and prints the answers to a few searches. Run again
 * on the same home, it finds the workspace and syncs incrementally.
 */
final class Demo {

    static final String WORKSPACE = "demo";
    static final String SOURCE = "repo";
    static final List<String> QUERIES = List.of(
            "how does a sync job resume after the node crashes",
            "which Cassandra table stores the chunk vectors",
            "how are documents split into chunks that fit the model");

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String key;
    private final String keyInShell;
    private final PrintStream out;

    /**
     * @param key        the admin key the demo calls the API with
     * @param keyInShell how the printed curl examples get that key in a shell, say {@code $(cat FILE)}
     */
    Demo(int httpPort, String key, String keyInShell, PrintStream out) {
        this.base = "http://127.0.0.1:" + httpPort;
        this.key = key;
        this.keyInShell = keyInShell;
        this.out = out;
    }

    /** The admin key of a demo node: the operator's, or the one the node made in its home. */
    static Demo on(SynclineNode node, PrintStream out) throws IOException {
        var operatorKey = AuthSettings.fromConfig(node.system().settings().config()).adminKey();
        if (operatorKey.isPresent()) {
            return new Demo(node.httpPort(), operatorKey.get(), "$SYNCLINE_ADMIN_KEY", out);
        }
        Path file = node.adminKeyFile().orElseThrow(() -> new IllegalStateException("this keyspace has API keys,"
                + " but none is in " + node.settings().home().resolve(FirstAdminKey.FILE_NAME) + "; set"
                + " SYNCLINE_ADMIN_KEY, or use another keyspace (SYNCLINE_CASSANDRA_KEYSPACE)"));
        return new Demo(node.httpPort(), Files.readString(file).strip(), "$(cat " + file + ")", out);
    }

    void run(Path repository) throws IOException, InterruptedException {
        out.println();
        out.println("== Syncline demo: indexing " + repository);
        HttpResponse<String> created = send("POST", "/v1/workspaces", Map.of("id", WORKSPACE));
        out.println(created.statusCode() == 201 ? "created workspace '" + WORKSPACE + "'"
                : "workspace '" + WORKSPACE + "' exists already: syncing what changed");
        expect(created, 201, 409);
        HttpResponse<String> source = send("POST", "/v1/workspaces/" + WORKSPACE + "/sources",
                Map.of("id", SOURCE, "type", "git", "uri", repository.toString()));
        expect(source, 201, 409);
        JsonNode job = json(expect(send("POST", "/v1/workspaces/" + WORKSPACE + "/syncs",
                Map.of("source", SOURCE, "mode", "incremental")), 202));
        String jobId = job.get("job").asText();
        out.println("sync " + jobId + " queued");
        JsonNode finished = follow(jobId);
        if (!finished.get("state").asText().startsWith("completed")) {
            out.println("the sync ended " + finished.get("state").asText() + ": " + finished.get("error").asText());
            return;
        }
        for (String query : QUERIES) {
            search(query);
        }
        out.println();
        out.println("Syncline is serving on " + base + " (API in README.md and docs/api.md). Every /v1 request needs"
                + " an API key; this node's admin key is " + keyInShell + ". For example:");
        out.println("  curl -s -H \"Authorization: Bearer " + keyInShell + "\" " + base + "/v1/workspaces/"
                + WORKSPACE);
        out.println("  curl -s -H \"Authorization: Bearer " + keyInShell + "\" -H 'Content-Type: application/json'"
                + " -X POST " + base + "/v1/workspaces/" + WORKSPACE
                + "/search -d '{\"query\":\"how is the embedding cache keyed\",\"k\":3}'");
        out.println("Press Ctrl-C to stop Syncline.");
    }

    /** Prints the job's progress each second until it finishes, and returns its final state. */
    private JsonNode follow(String jobId) throws IOException, InterruptedException {
        String last = "";
        while (true) {
            JsonNode job = json(expect(send("GET", "/v1/workspaces/" + WORKSPACE + "/syncs/" + jobId, null), 200));
            String line = progressLine(job);
            if (!line.equals(last)) {
                out.println(line);
                last = line;
            }
            if (!job.get("state").asText().equals("queued") && !job.get("state").asText().equals("running")) {
                return job;
            }
            Thread.sleep(1000);
        }
    }

    static String progressLine(JsonNode job) {
        JsonNode d = job.get("documents");
        JsonNode c = job.get("chunks");
        String planned = d.get("planned").asLong() < 0 ? "?" : d.get("planned").asText();
        return String.format("  %-9s %s/%s documents (added %d, changed %d, unchanged %d, deleted %d, skipped %d, "
                        + "failed %d); chunks embedded %d, reused %d%s",
                job.get("state").asText(), d.get("seen").asText(), planned, d.get("added").asLong(),
                d.get("changed").asLong(), d.get("unchanged").asLong(), d.get("deleted").asLong(),
                d.get("skipped").asLong(), d.get("failed").asLong(), c.get("embedded").asLong(),
                c.get("reused").asLong(),
                job.get("toRevision").isNull() ? "" : " @ " + job.get("toRevision").asText().substring(0, 10));
    }

    private void search(String query) throws IOException, InterruptedException {
        JsonNode answer = json(expect(send("POST", "/v1/workspaces/" + WORKSPACE + "/search",
                Map.of("query", query, "k", 3)), 200));
        out.println();
        out.println("search: \"" + query + "\" (" + answer.get("tookMs").asText() + " ms)");
        for (JsonNode result : answer.get("results")) {
            String text = result.get("text").asText().replaceAll("\\s+", " ");
            out.printf("  %.3f  %s #%d: %s%n", result.get("score").asDouble(), result.get("path").asText(),
                    result.get("ordinal").asInt(), text.length() > 110 ? text.substring(0, 110) + "..." : text);
        }
    }

    private HttpResponse<String> send(String method, String path, Object body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + key);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(body)));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> expect(HttpResponse<String> response, int... statuses) {
        for (int status : statuses) {
            if (response.statusCode() == status) {
                return response;
            }
        }
        throw new IllegalStateException(response.request().method() + " " + response.request().uri().getPath()
                + " answered " + response.statusCode() + ": " + response.body());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return Json.mapper().readTree(response.body());
    }
}
