package io.syncline.testing.fake;

import java.util.ArrayDeque;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A provider's requests-per-minute limit: a sliding 60-second window over the requests it admitted. A rejected
 * request takes no slot, as with real providers, which count what they served. Zero means no limit; without a limit
 * nothing is counted, so a limit set while requests flow starts with an empty window.
 */
final class SlidingWindowRateLimit {

    private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final long SECOND_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final LongSupplier nanoClock;
    private final ArrayDeque<Long> admitted = new ArrayDeque<>();
    private int requestsPerMinute;

    SlidingWindowRateLimit(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    synchronized void requestsPerMinute(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("a rate limit cannot be negative, was " + limit);
        }
        this.requestsPerMinute = limit;
    }

    /**
     * Admits one request now if the window has room: empty when admitted, otherwise the whole seconds, rounded up,
     * until the oldest admitted request leaves the window (1 to 60).
     */
    synchronized OptionalLong tryAcquire() {
        long now = nanoClock.getAsLong();
        while (!admitted.isEmpty() && now - admitted.peekFirst() >= WINDOW_NANOS) {
            admitted.pollFirst();
        }
        if (requestsPerMinute == 0) {
            return OptionalLong.empty();
        }
        if (admitted.size() < requestsPerMinute) {
            admitted.addLast(now);
            return OptionalLong.empty();
        }
        long untilFree = admitted.peekFirst() + WINDOW_NANOS - now;
        return OptionalLong.of(Math.max(1, (untilFree + SECOND_NANOS - 1) / SECOND_NANOS));
    }

    /** Forgets the admitted requests and lifts the limit. */
    synchronized void clear() {
        admitted.clear();
        requestsPerMinute = 0;
    }
}
