package io.syncline.chaos;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Polling with a deadline: a chaos test waits for what it can observe (a status, a log line, a process gone), never
 * for a fixed time. The pause between polls only spaces the polls out.
 */
final class Await {

    private static final Duration POLL = Duration.ofMillis(200);

    private Await() {
    }

    /** Thrown by an attempt when waiting longer cannot help (the process died, the job ended already). */
    static final class Hopeless extends RuntimeException {
        Hopeless(String message) {
            super(message);
        }
    }

    /**
     * Retries {@code attempt} until it returns without throwing, and returns its value; after {@code max}, or at once
     * when it throws {@link Hopeless}, fails with the last failure, described by {@code what} and {@code context}
     * (a node's log tail, say).
     */
    static <T> T until(Duration max, String what, Supplier<T> attempt, Supplier<String> context) {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            try {
                return attempt.get();
            } catch (Hopeless e) {
                throw new AssertionError(what + ": " + e.getMessage() + context(context), e);
            } catch (RuntimeException | AssertionError e) {
                if (System.nanoTime() >= deadline) {
                    AssertionError timeout = new AssertionError("not within " + max.toSeconds() + " s: " + what
                            + ": " + e.getMessage() + context(context), e);
                    throw timeout;
                }
            }
            pause();
        }
    }

    static <T> T until(Duration max, String what, Supplier<T> attempt) {
        return until(max, what, attempt, () -> "");
    }

    /**
     * Checks that something holds for the whole of {@code window}, polling {@code check} until the window has
     * passed; fails at the first poll where it does not. This is an observation period for what must not happen
     * (a shard moving, a member appearing), never a wait for something to happen: that is {@link #until}.
     */
    static void holds(Duration window, String what, Runnable check, Supplier<String> context) {
        long end = System.nanoTime() + window.toNanos();
        int polls = 0;
        do {
            try {
                check.run();
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError("did not hold for " + window.toSeconds() + " s (poll " + (polls + 1)
                        + "): " + what + ": " + e.getMessage() + context(context), e);
            }
            polls++;
            pause();
        } while (System.nanoTime() < end);
    }

    /** Waits between two polls. */
    static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }

    private static String context(Supplier<String> context) {
        try {
            String text = context.get();
            return text == null || text.isEmpty() ? "" : "\n" + text;
        } catch (RuntimeException e) {
            return "\n(no context: " + e + ")";
        }
    }
}
