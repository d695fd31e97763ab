package io.syncline.chaos;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** Faults that last a set time: the length is part of the fault (a freeze of 2 s, an outage of 60 s). */
final class Faults {

    private Faults() {
    }

    /**
     * Keeps a fault in place for {@code length}: not a wait for something to happen (the scenario polls for that),
     * the fault's own duration.
     */
    static void hold(Duration length) {
        long end = System.nanoTime() + length.toNanos();
        for (long left = length.toNanos(); left > 0; left = end - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
