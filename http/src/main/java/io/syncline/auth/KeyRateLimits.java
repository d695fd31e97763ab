package io.syncline.auth;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many requests each key may make on this node: a bucket of {@code burst} requests per key, refilled at
 * {@code perSecond}. A cluster of n nodes behind a load balancer lets a key make about n times as many. A request
 * over the limit learns how many seconds until the next one fits.
 */
public final class KeyRateLimits {

    /** Buckets kept at most: keys are few, but the operator's and every new one each get one. */
    private static final int MAX_BUCKETS = 10_000;

    private final double perSecond;
    private final double burst;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public KeyRateLimits(double perSecond, int burst) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("syncline.auth.requests-per-second must be positive and"
                    + " syncline.auth.burst at least 1, were " + perSecond + " and " + burst);
        }
        this.perSecond = perSecond;
        this.burst = burst;
    }

    /** Takes one request from the key's bucket: empty if it may go ahead, else the seconds to wait. */
    public OptionalLong acquire(String keyId) {
        if (buckets.size() >= MAX_BUCKETS && !buckets.containsKey(keyId)) {
            buckets.clear();
        }
        return buckets.computeIfAbsent(keyId, id -> new Bucket(burst, System.nanoTime())).take(perSecond, burst);
    }

    public double perSecond() {
        return perSecond;
    }

    private static final class Bucket {

        private double tokens;
        private long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }

        synchronized OptionalLong take(double perSecond, double burst) {
            long now = System.nanoTime();
            tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * perSecond);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return OptionalLong.empty();
            }
            return OptionalLong.of(Math.max(1, (long) Math.ceil((1 - tokens) / perSecond)));
        }
    }
}
