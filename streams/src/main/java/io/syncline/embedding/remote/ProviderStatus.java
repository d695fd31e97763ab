package io.syncline.embedding.remote;

import io.syncline.embedding.EndpointLimits;

import java.time.Instant;
import java.util.List;

/**
 * An endpoint as {@code GET /v1/providers} shows it on one node: the endpoint's circuit as the whole cluster sees
 * it, and this node's own traffic, share of the limits and queue. An endpoint that only other nodes use shows its
 * circuit and pause with {@code usedHere} false and no traffic.
 *
 * @param circuit            closed, open or half-open: the worst of this node's and what other nodes report
 * @param openOn             the other nodes that report the circuit open or half-open
 * @param requestsPerMinute  requests this node sent in the last minute
 * @param tokensPerMinute    tokens this node sent in the last minute
 * @param rateLimited        429 answers to this node since it started
 * @param rateFactor         the share of the configured rate in use (below 1 after a 429, climbing back)
 * @param pausedUntil        when the provider's Retry-After ends (seen here or on another node), or null
 * @param inFlight           requests being answered now
 * @param waiting            batches waiting for admission
 * @param limits             the endpoint's limits for the whole cluster
 * @param share              the fraction of the per-minute limits this node uses (1 / members)
 * @param concurrency        the requests this node may have in flight, its part of limits.maxConcurrency
 */
public record ProviderStatus(String id, String kind, String baseUrl, String model, String circuit,
                             List<String> openOn, boolean usedHere, int requestsPerMinute, long tokensPerMinute,
                             long rateLimited, double rateFactor, Instant pausedUntil, int inFlight, int waiting,
                             String lastError, Instant lastErrorAt, EndpointLimits limits, double share,
                             int concurrency) {

    /** An endpoint only other nodes use, as they report it. */
    static ProviderStatus reported(EndpointState state, List<String> openOn) {
        return new ProviderStatus(state.endpoint(), state.kind(), state.baseUrl(), state.model(), state.circuit(),
                openOn, false, 0, 0, 0, 1.0, state.pausedUntil(), 0, 0, null, null, null, 0, 0);
    }
}
