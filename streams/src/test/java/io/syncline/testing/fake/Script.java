package io.syncline.testing.fake;

import java.time.Duration;
import java.util.Objects;

/**
 * The fake's changeable behaviour: vector dimension, latency, rate limit and fault plan. Every setting can change
 * while requests are in flight; a request uses the values it finds when it is decided.
 */
final class Script {

    static final int DEFAULT_DIMENSIONS = 384;

    private volatile int dimensions = DEFAULT_DIMENSIONS;
    private volatile Duration latency = Duration.ZERO;
    private volatile FaultPlan plan = FaultPlans.none();
    private final SlidingWindowRateLimit rateLimit = new SlidingWindowRateLimit(System::nanoTime);

    int dimensions() {
        return dimensions;
    }

    void dimensions(int dimensions) {
        if (dimensions < 1) {
            throw new IllegalArgumentException("dimensions must be at least 1, was " + dimensions);
        }
        this.dimensions = dimensions;
    }

    Duration latency() {
        return latency;
    }

    void latency(Duration latency) {
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency cannot be negative");
        }
        this.latency = latency;
    }

    FaultPlan plan() {
        return plan;
    }

    void plan(FaultPlan plan) {
        this.plan = Objects.requireNonNull(plan, "plan");
    }

    SlidingWindowRateLimit rateLimit() {
        return rateLimit;
    }

    /** Back to no latency, no rate limit and no faults; the dimension stays, being configuration. */
    void reset() {
        latency = Duration.ZERO;
        plan = FaultPlans.none();
        rateLimit.clear();
    }
}
