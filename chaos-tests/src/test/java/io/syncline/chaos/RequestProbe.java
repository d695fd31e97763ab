package io.syncline.chaos;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a client sees of one node while a fault lasts: in a thread of its own it asks, round after round, whether the
 * node is ready, a search, and a change (a new workspace), and records every answer. Each request is bounded; a
 * request that gets no answer is recorded as status 0.
 */
final class RequestProbe implements AutoCloseable {

    /** One answer: what was asked, the status (0: no answer), and the body. */
    record Answer(String request, int status, String body) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final AtomicInteger CREATED = new AtomicInteger();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final ChaosNode node;
    private final String searchedWorkspace;
    private final List<Answer> answers = new CopyOnWriteArrayList<>();
    private final List<String> createdIds = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    /** Starts probing {@code node}, searching {@code searchedWorkspace}. */
    RequestProbe(ChaosNode node, String searchedWorkspace) {
        this.node = node;
        this.searchedWorkspace = searchedWorkspace;
        this.thread = new Thread(this::probe, "probe-" + node.name());
        thread.setDaemon(true);
        thread.start();
    }

    private void probe() {
        while (running.get()) {
            record("ready", HttpRequest.newBuilder(node.managementBase().resolve("/ready")).GET());
            record("search", json(node.httpBase().resolve("/v1/workspaces/" + searchedWorkspace + "/search"),
                    "{\"query\":\"how is a chapter organised\",\"k\":3}"));
            String id = "probe-" + node.name() + "-" + CREATED.incrementAndGet();
            createdIds.add(id);
            record("create " + id, json(node.httpBase().resolve("/v1/workspaces"), "{\"id\":\"" + id + "\"}"));
            Await.pause();
        }
    }

    private static HttpRequest.Builder json(URI uri, String body) {
        return HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private void record(String request, HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = client.send(NodeApi.authorized(builder).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            answers.add(new Answer(request, response.statusCode(), response.body()));
        } catch (java.io.IOException e) {
            answers.add(new Answer(request, 0, e.toString()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
        }
    }

    ChaosNode node() {
        return node;
    }

    List<Answer> answers() {
        return List.copyOf(answers);
    }

    /** The answers to requests whose name starts with {@code kind} ("ready", "search", "create"). */
    List<Answer> answers(String kind) {
        return answers.stream().filter(a -> a.request().startsWith(kind)).toList();
    }

    /** The ids of the workspaces whose creation was answered 2xx: they must exist afterwards. */
    List<String> acceptedCreations() {
        List<String> accepted = new ArrayList<>();
        for (Answer answer : answers("create")) {
            if (answer.status() / 100 == 2) {
                accepted.add(answer.request().substring("create ".length()));
            }
        }
        return accepted;
    }

    /** Stops after the round under way, waiting for it (each request is bounded). */
    @Override
    public void close() {
        running.set(false);
        try {
            thread.join(TIMEOUT.multipliedBy(4).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
