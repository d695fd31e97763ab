package io.syncline.embedding.remote;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The latest {@link EndpointState} each other node reported per endpoint, with when it arrived. A report older than
 * the time to live counts for nothing: a node that stopped reporting (dead, cut off) no longer holds others back.
 */
final class PeerReports {

    private record Report(EndpointState state, long receivedAt) {
    }

    private final long ttlNanos;
    private final Map<String, Map<String, Report>> byEndpoint = new HashMap<>();

    PeerReports(Duration ttl) {
        this.ttlNanos = ttl.toNanos();
    }

    synchronized void put(String node, EndpointState state, long now) {
        byEndpoint.computeIfAbsent(state.endpoint(), id -> new HashMap<>()).put(node, new Report(state, now));
    }

    /** The nodes whose fresh report says the endpoint's circuit is open or half-open, sorted. */
    synchronized List<String> troubledNodes(String endpoint, long now) {
        return fresh(endpoint, now).entrySet().stream().filter(e -> e.getValue().state().troubled())
                .map(Map.Entry::getKey).sorted().toList();
    }

    /** How long from now the endpoint counts as troubled elsewhere: until its last troubled report expires. */
    synchronized long troubledFor(String endpoint, long now) {
        return fresh(endpoint, now).values().stream().filter(r -> r.state().troubled())
                .mapToLong(r -> r.receivedAt() + ttlNanos - now).max().orElse(0);
    }

    /** The latest end of a Retry-After another node reports for the endpoint, or null. */
    synchronized Instant pausedUntil(String endpoint, long now) {
        return fresh(endpoint, now).values().stream().map(r -> r.state().pausedUntil())
                .filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
    }

    /** Per endpoint, a fresh report (a troubled one if there is one), for endpoints this node does not use. */
    synchronized Map<String, EndpointState> latest(long now) {
        Map<String, EndpointState> latest = new TreeMap<>();
        for (String endpoint : byEndpoint.keySet()) {
            fresh(endpoint, now).values().stream()
                    .max((a, b) -> Boolean.compare(a.state().troubled(), b.state().troubled()))
                    .ifPresent(r -> latest.put(endpoint, r.state()));
        }
        return latest;
    }

    private Map<String, Report> fresh(String endpoint, long now) {
        Map<String, Report> reports = byEndpoint.get(endpoint);
        if (reports == null) {
            return Map.of();
        }
        reports.values().removeIf(r -> now - r.receivedAt() > ttlNanos);
        return reports;
    }
}
