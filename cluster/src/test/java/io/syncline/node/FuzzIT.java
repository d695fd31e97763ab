package io.syncline.node;

import io.syncline.testing.TestKeyspace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random and mutated bodies to every route that takes one, a bounded number from a fixed seed: the node answers each
 * with a 2xx or a 4xx whose body is the JSON error, never a 5xx; it stays healthy; and a workspace whose creation was
 * refused does not exist.
 */
class FuzzIT {

    private static final long SEED = 20261202L;
    private static final int REQUESTS = 600;

    private static TestKeyspace keyspace;
    private static TestNode node;
    private static Api api;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        keyspace = TestKeyspace.create(FuzzIT.class);
        // the per-key rate would answer most of the fuzz with 429 before its body is read
        node = TestNode.start(keyspace.name(), tmp.resolve("home"), Map.of("syncline.auth.requests-per-second", 100_000,
                "syncline.auth.burst", 100_000));
        api = node.api();
        assertThat(api.post("/v1/workspaces", "{\"id\":\"fuzz\"}").status()).isEqualTo(201);
        Files.createDirectories(tmp.resolve("docs"));
    }

    @AfterAll
    static void stop() {
        node.close();
        keyspace.close();
    }

    /** A route and a valid body for it, which the fuzzer mutates. */
    private record Target(String method, String path, String body) {
    }

    @Test
    void noBodyMakesTheNodeFailOrStoreWhatItRefused() {
        String docs = Api.quote(tmp.resolve("docs").toString());
        List<Target> targets = List.of(
                new Target("POST", "/v1/workspaces", "{\"id\":\"fz\",\"embedding\":{\"model\":\"all-minilm-l6-v2-q\"},"
                        + "\"chunking\":{\"maxTokens\":64,\"overlapTokens\":8}}"),
                new Target("PUT", "/v1/workspaces/fuzz/config", "{\"chunking\":{\"maxTokens\":100}}"),
                new Target("POST", "/v1/workspaces/fuzz/sources", "{\"id\":\"d\",\"type\":\"filesystem\",\"path\":"
                        + docs + ",\"include\":[\"**/*.md\"],\"exclude\":[\"tmp/**\"],\"maxFileBytes\":1000}"),
                new Target("POST", "/v1/workspaces/fuzz/syncs", "{\"source\":\"d\",\"mode\":\"full\"}"),
                new Target("POST", "/v1/workspaces/fuzz/search", "{\"query\":\"how\",\"k\":3,"
                        + "\"filter\":{\"source\":\"d\",\"pathPrefix\":\"a/\"}}"),
                new Target("POST", "/v1/workspaces/fuzz/dead-letters/retry", "{\"ids\":[\"x\"]}"),
                new Target("POST", "/v1/keys", "{\"name\":\"n\",\"role\":\"reader\",\"workspaces\":[\"fuzz\"]}"),
                new Target("PUT", "/v1/endpoints/fz", "{\"kind\":\"ollama\",\"baseUrl\":\"http://127.0.0.1:9\","
                        + "\"models\":{\"m\":[8]}}"));
        Random random = new Random(SEED);
        List<String> refusedIds = new ArrayList<>();
        int answered4xx = 0;
        for (int i = 0; i < REQUESTS; i++) {
            Target target = targets.get(random.nextInt(targets.size()));
            String body = random.nextInt(10) == 0 ? randomJson(random, 0) : mutate(target.body(), random);
            if (target.path().equals("/v1/workspaces")) {
                body = body.replace("\"fz\"", "\"fz" + i + "\"");
            }
            Api.Response response = api.send(target.method(), target.path(), body);

            assertThat(response.status()).as("%s %s with %s: %s", target.method(), target.path(), body,
                    response.body()).isLessThan(500);
            if (response.status() >= 400) {
                answered4xx++;
                assertThat(response.code()).as("the error code of %s", response.body()).isNotBlank();
                assertThat(response.message()).as("the message of %s", response.body()).isNotBlank();
                if (target.path().equals("/v1/workspaces") && body.contains("\"fz" + i + "\"")) {
                    refusedIds.add("fz" + i);
                }
            }
        }

        assertThat(answered4xx).as("bodies refused").isGreaterThan(REQUESTS / 2);
        assertThat(api.get("/v1/workspaces/fuzz").status()).as("the node still serves").isEqualTo(200);
        for (String id : refusedIds) {
            assertThat(api.get("/v1/workspaces/" + id).status()).as("refused workspace " + id).isEqualTo(404);
        }
    }

    /** One of a few kinds of damage a client or an attacker does to a body. */
    private static String mutate(String body, Random random) {
        StringBuilder text = new StringBuilder(body);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && text.length() > 0; e++) {
            int at = random.nextInt(text.length());
            switch (random.nextInt(8)) {
                case 0 -> text.deleteCharAt(at);
                case 1 -> text.insert(at, "{[\",:}]\\\u0000\u00e9\ud83d\ude00".charAt(random.nextInt(10)));
                case 2 -> text.setLength(at); // cut short
                case 3 -> text.insert(at, "\"" + "x".repeat(random.nextInt(20_000)) + "\"");
                case 4 -> replaceValue(text, random, "-1");
                case 5 -> replaceValue(text, random, "1e308");
                case 6 -> replaceValue(text, random, "null");
                default -> replaceValue(text, random, randomJson(random, 0));
            }
        }
        return text.toString();
    }

    /** Replaces the value after a random colon with {@code value}. */
    private static void replaceValue(StringBuilder text, Random random, String value) {
        List<Integer> colons = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == ':') {
                colons.add(i);
            }
        }
        if (colons.isEmpty()) {
            return;
        }
        int start = colons.get(random.nextInt(colons.size())) + 1;
        int end = start;
        int depth = 0;
        boolean inString = false;
        while (end < text.length()) {
            char c = text.charAt(end);
            if (c == '"' && (end == 0 || text.charAt(end - 1) != '\\')) {
                inString = !inString;
            } else if (!inString && (c == '{' || c == '[')) {
                depth++;
            } else if (!inString && (c == '}' || c == ']')) {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (!inString && c == ',' && depth == 0) {
                break;
            }
            end++;
        }
        text.replace(start, end, value);
    }

    private static String randomJson(Random random, int depth) {
        int kind = depth > 40 ? random.nextInt(4) : random.nextInt(7);
        return switch (kind) {
            case 0 -> String.valueOf(random.nextLong());
            case 1 -> "\"" + "abc\\u0000\\n/..%00".substring(0, random.nextInt(15)) + "\"";
            case 2 -> random.nextBoolean() ? "true" : "null";
            case 3 -> "-0.0e-400";
            case 4, 5 -> "[" + randomJson(random, depth + 1) + "," + randomJson(random, depth + 1) + "]";
            default -> "{\"" + (random.nextBoolean() ? "id" : "k" + random.nextInt(5)) + "\":"
                    + randomJson(random, depth + 1) + "}";
        };
    }
}
