package io.syncline.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncline.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A client of a node's HTTP API for tests: plain requests with one API key (the test nodes' operator key unless
 * told otherwise), answers as status and JSON.
 */
final class Api {

    /** The operator's admin key of every test node (syncline.auth.admin-key). */
    static final String ADMIN_KEY = "test-operator-key-0123456789abcdefghij";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String key;

    Api(int port) {
        this("http://127.0.0.1:" + port, ADMIN_KEY);
    }

    private Api(String base, String key) {
        this.base = base;
        this.key = key;
    }

    /** The same node, with another key; null sends none. */
    Api withKey(String otherKey) {
        return new Api(base, otherKey);
    }

    record Response(int status, String body, HttpHeaders headers) {

        JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        /** The error code of an error answer. */
        String code() {
            return json().path("error").path("code").asText(null);
        }

        String message() {
            return json().path("error").path("message").asText(null);
        }
    }

    Response get(String path) {
        return send("GET", path, null);
    }

    Response post(String path, String json) {
        return send("POST", path, json);
    }

    Response put(String path, String json) {
        return send("PUT", path, json);
    }

    Response delete(String path) {
        return send("DELETE", path, null);
    }

    Response send(String method, String path, String json) {
        return send(method, path, json, "application/json");
    }

    /** A request whose body is sent as the given content type. */
    Response send(String method, String path, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A JSON string literal. */
    static String quote(String value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
