package io.syncline.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Cluster membership as one node sees it, from pekko-management's {@code GET /cluster/members}: the node's own
 * opinion, which differs between nodes while the cluster converges or is partitioned.
 */
public final class ClusterView {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public record Member(String node, String status, List<String> roles) {
    }

    public record Unreachable(String node, List<String> observedBy) {
    }

    /** One answer of {@code /cluster/members}; leader and oldest are null while there are none. */
    public record Members(String selfNode, List<Member> members, List<Unreachable> unreachable, String leader,
                         String oldest) {

        public List<String> up() {
            return members.stream().filter(m -> m.status().equals("Up")).map(Member::node).toList();
        }

        public Optional<Member> member(String node) {
            return members.stream().filter(m -> m.node().equals(node)).findFirst();
        }
    }

    private ClusterView() {
    }

    /** What {@code node} answers now; throws if it does not answer within a few seconds. */
    public static Members of(ChaosNode node) {
        URI uri = node.managementBase().resolve("/cluster/members");
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
            }
            return parse(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(uri + " did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Members parse(String body) throws IOException {
        JsonNode json = JSON.readTree(body);
        List<Member> members = new ArrayList<>();
        for (JsonNode m : json.path("members")) {
            members.add(new Member(m.path("node").asText(), m.path("status").asText(), texts(m.path("roles"))));
        }
        List<Unreachable> unreachable = new ArrayList<>();
        for (JsonNode u : json.path("unreachable")) {
            unreachable.add(new Unreachable(u.path("node").asText(), texts(u.path("observedBy"))));
        }
        return new Members(json.path("selfNode").asText(), List.copyOf(members), List.copyOf(unreachable),
                json.path("leader").asText(null), json.path("oldest").asText(null));
    }

    /**
     * Waits until every one of {@code nodes} sees exactly those nodes as members, all Up, and none unreachable:
     * the cluster has converged on them. Returns the first node's view.
     */
    public static Members awaitMembersUp(Collection<ChaosNode> nodes, Duration max) {
        List<String> expected = nodes.stream().map(ChaosNode::clusterAddress).sorted().toList();
        long deadline = System.nanoTime() + max.toNanos();
        Members first = null;
        for (ChaosNode node : nodes) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            Members seen = Await.until(left, "node " + node.name() + " seeing " + expected + " Up", () -> {
                Members view = of(node);
                if (!view.up().stream().sorted().toList().equals(expected) || view.members().size() != expected.size()
                        || !view.unreachable().isEmpty()) {
                    throw new AssertionError("it sees " + view.members() + ", unreachable " + view.unreachable());
                }
                return view;
            }, node::logTail);
            first = first == null ? seen : first;
        }
        return first;
    }

    /** The oldest member as {@code node} sees it (where the shard coordinator runs). */
    public static String oldest(ChaosNode node) {
        return of(node).oldest();
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return List.copyOf(values);
    }
}
