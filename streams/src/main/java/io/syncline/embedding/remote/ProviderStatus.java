package io.syncline.embedding.remote;

import io.syncline.embedding.EndpointLimits;

import java.time.Instant;

/**
 * An endpoint as {@code GET /v1/providers} shows it.
 *
 * @param circuit            closed, open or half-open
 * @param requestsPerMinute  requests sent in the last minute
 * @param tokensPerMinute    tokens sent in the last minute
 * @param rateLimited        429 answers since the node started
 * @param rateFactor         the share of the configured rate in use (below 1 after a 429, climbing back)
 * @param pausedUntil        when the provider's Retry-After ends, or null
 * @param inFlight           requests being answered now
 * @param waiting            batches waiting for admission
 */
public record ProviderStatus(String id, String kind, String baseUrl, String model, String circuit,
                             int requestsPerMinute, long tokensPerMinute, long rateLimited, double rateFactor,
                             Instant pausedUntil, int inFlight, int waiting, String lastError, Instant lastErrorAt,
                             EndpointLimits limits) {
}
