package io.syncline.embedding;

import java.time.Duration;

/**
 * How a provider endpoint may be called: the timeout of one request, the texts per request, requests and tokens per
 * minute (0: no limit), and requests in flight at once. Shared by every workspace that uses the endpoint on a node.
 */
public record EndpointLimits(Duration timeout, int batchSize, int maxRequestsPerMinute, int maxTokensPerMinute,
                             int maxConcurrency) {

    /** The stricter of two sets of limits, field by field (0 meaning "no limit" is the loosest). */
    public EndpointLimits strictest(EndpointLimits other) {
        return new EndpointLimits(min(timeout, other.timeout), Math.min(batchSize, other.batchSize),
                minLimit(maxRequestsPerMinute, other.maxRequestsPerMinute),
                minLimit(maxTokensPerMinute, other.maxTokensPerMinute),
                Math.min(maxConcurrency, other.maxConcurrency));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static int minLimit(int a, int b) {
        if (a == 0) {
            return b;
        }
        return b == 0 ? a : Math.min(a, b);
    }
}
