package io.syncline.chaos;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A steady load sent the way a load balancer sends it: only to nodes whose {@code /ready} said 200 at the last poll
 * (every 200 ms). In a thread of its own it sends a search, and every tenth round a sync request, to a ready node,
 * and records every answer; a request that fails, or that finds no ready node, counts as failed.
 */
final class LoadBalancedClient implements AutoCloseable {

    /** An answer that was not a success, with what was asked of whom, and when. */
    record Failure(Instant at, String node, String request, int status, String body) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final List<ChaosNode> nodes;
    private final String searched;
    private final String synced;
    private final Set<ChaosNode> ready = ConcurrentHashMap.newKeySet();
    private final List<Failure> failures = new CopyOnWriteArrayList<>();
    private final Set<String> jobs = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    private volatile int requests;

    /** Searches {@code searched} and requests syncs of source "repo" of {@code synced}. */
    LoadBalancedClient(List<ChaosNode> nodes, String searched, String synced) {
        this.nodes = List.copyOf(nodes);
        this.searched = searched;
        this.synced = synced;
        nodes.stream().filter(ChaosNode::ready).forEach(ready::add);
        threads.add(new Thread(this::pollReadiness, "load-balancer-readiness"));
        threads.add(new Thread(this::send, "load-balanced-client"));
        threads.forEach(t -> {
            t.setDaemon(true);
            t.start();
        });
    }

    private void pollReadiness() {
        while (running.get()) {
            for (ChaosNode node : nodes) {
                if (node.ready()) {
                    ready.add(node);
                } else {
                    ready.remove(node);
                }
            }
            Await.pause();
        }
    }

    private void send() {
        int round = 0;
        while (running.get()) {
            List<ChaosNode> candidates = List.copyOf(ready);
            if (candidates.isEmpty()) {
                failures.add(new Failure(Instant.now(), "-", "any", 0, "no node was ready"));
            } else {
                ChaosNode node = candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
                if (++round % 10 == 0) {
                    String body = post(node, "/v1/workspaces/" + synced + "/syncs",
                            "{\"source\":\"repo\",\"mode\":\"full\"}", 202);
                    if (body != null) {
                        jobs.add(body.replaceAll(".*\"job\":\"([^\"]+)\".*", "$1"));
                    }
                } else {
                    post(node, "/v1/workspaces/" + searched + "/search",
                            "{\"query\":\"how is a chapter organised\",\"k\":3}", 200);
                }
            }
            Await.pause();
        }
    }

    /** The body of a successful answer, or null after recording the failure. */
    private String post(ChaosNode node, String path, String json, int expected) {
        requests++;
        URI uri = node.httpBase().resolve(path);
        try {
            HttpResponse<String> response = client.send(NodeApi.authorized(HttpRequest.newBuilder(uri))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json))
                    .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == expected) {
                return response.body();
            }
            failures.add(new Failure(Instant.now(), node.name(), "POST " + path, response.statusCode(),
                    response.body()));
        } catch (java.io.IOException e) {
            failures.add(new Failure(Instant.now(), node.name(), "POST " + path, 0, e.toString()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
        }
        return null;
    }

    int requests() {
        return requests;
    }

    List<Failure> failures() {
        return List.copyOf(failures);
    }

    /** The jobs the sync requests were answered with. */
    Set<String> jobs() {
        return Set.copyOf(jobs);
    }

    @Override
    public void close() {
        running.set(false);
        for (Thread thread : threads) {
            try {
                thread.join(TIMEOUT.multipliedBy(2).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
