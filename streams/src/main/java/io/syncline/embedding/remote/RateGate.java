package io.syncline.embedding.remote;

/**
 * Token buckets for requests and tokens per minute, refilled at a share of the configured rate that drops after a
 * 429 and climbs back while calls succeed. Pure arithmetic on a time in nanoseconds given by the caller: no clock,
 * no locking (the endpoint holds its lock around every call).
 *
 * <p>A bucket holds at most half of the headroom left below the configured rate (and at least one request), so
 * that in any minute, bursts included, the calls stay below the provider's limit.
 */
final class RateGate {

    private static final double MIN_FACTOR = 0.05;
    private static final long NANOS_PER_MINUTE = 60_000_000_000L;

    private final double configuredRequestsPerMinute;
    private final double configuredTokensPerMinute;
    private final double headroom;
    private final double decreaseFactor;
    private final double recoveryPerSecond;
    private double requestsPerMinute;
    private double tokensPerMinute;
    private double requestCapacity;
    private double tokenCapacity;
    private double requests;
    private double tokens;
    private double factor = 1.0;
    private long refilledAt;
    private long adjustedAt;

    /** @param requestsPerMinute 0 for no limit; likewise tokensPerMinute */
    RateGate(int requestsPerMinute, int tokensPerMinute, double headroom, double decreaseFactor,
             double recoveryPerSecond, long now) {
        this.configuredRequestsPerMinute = requestsPerMinute;
        this.configuredTokensPerMinute = tokensPerMinute;
        this.headroom = headroom;
        this.decreaseFactor = decreaseFactor;
        this.recoveryPerSecond = recoveryPerSecond;
        share(1.0);
        this.requests = requestCapacity;
        this.tokens = tokenCapacity;
        this.refilledAt = now;
        this.adjustedAt = now;
    }

    /**
     * Uses this fraction of the configured rates from now on: the node's share of a limit that holds for the whole
     * cluster. Buckets shrink with it (what they hold beyond the new capacity is dropped), so that a node's burst
     * stays within its share too.
     */
    void share(double fraction) {
        requestsPerMinute = configuredRequestsPerMinute * fraction;
        tokensPerMinute = configuredTokensPerMinute * fraction;
        requestCapacity = Math.max(1, requestsPerMinute * (1 - headroom) / 2);
        tokenCapacity = Math.max(1, tokensPerMinute * (1 - headroom) / 2);
        requests = Math.min(requests, requestCapacity);
        tokens = Math.min(tokens, tokenCapacity);
    }

    /** Nanoseconds to wait before a call of this many tokens may go; 0 when it may go now. */
    long waitNanos(long now, int callTokens) {
        refill(now);
        long wait = 0;
        if (requestsPerMinute > 0 && requests < 1) {
            wait = Math.max(wait, nanosToGain(1 - requests, requestsPerMinute));
        }
        if (tokensPerMinute > 0) {
            // A call larger than the bucket goes when the bucket is full, and leaves it in debt.
            double needed = Math.min(callTokens, tokenCapacity);
            if (tokens < needed) {
                wait = Math.max(wait, nanosToGain(needed - tokens, tokensPerMinute));
            }
        }
        return wait;
    }

    /** Takes one request and the call's tokens; only after {@link #waitNanos} said 0. */
    void take(long now, int callTokens) {
        refill(now);
        requests -= 1;
        tokens -= callTokens;
    }

    /** The provider said 429: slow down, and start again from empty buckets. */
    void rateLimited(long now) {
        refill(now);
        factor = Math.max(MIN_FACTOR, factor * decreaseFactor);
        requests = Math.min(requests, 0);
        tokens = Math.min(tokens, 0);
        adjustedAt = now;
    }

    /** A call succeeded: climb back towards the configured rate. */
    void succeeded(long now) {
        double seconds = (now - adjustedAt) / 1e9;
        factor = Math.min(1.0, factor + recoveryPerSecond * seconds);
        adjustedAt = now;
    }

    /** The share of the configured rate in use now (1.0 until a 429). */
    double factor() {
        return factor;
    }

    private void refill(long now) {
        double elapsed = Math.max(0, now - refilledAt);
        refilledAt = now;
        requests = Math.min(requestCapacity, requests + elapsed * rate(requestsPerMinute));
        tokens = Math.min(tokenCapacity, tokens + elapsed * rate(tokensPerMinute));
    }

    /** Units per nanosecond at the current factor. */
    private double rate(double perMinute) {
        return perMinute * headroom * factor / NANOS_PER_MINUTE;
    }

    private long nanosToGain(double units, double perMinute) {
        return (long) Math.ceil(units / rate(perMinute));
    }
}
