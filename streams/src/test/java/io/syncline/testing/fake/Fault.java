package io.syncline.testing.fake;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What the fake does with one request instead of answering it normally. Each fault looks on the wire like a real
 * provider's or network's failure (an error status in the API's own error shape, a reset, silence, a broken body);
 * none of them tells the client it is scripted, except in the human-readable error message.
 */
public sealed interface Fault {

    static Fault none() {
        return None.INSTANCE;
    }

    /** Answers {@code status} with the API's error body and a usual message for that status. */
    static Fault status(int status) {
        return new Status(status, HttpStatus.usualMessage(status));
    }

    /** Answers {@code status} with the API's error body carrying {@code message}. */
    static Fault status(int status, String message) {
        return new Status(status, message);
    }

    /** 429 with {@code Retry-After} in whole seconds, rounded up. */
    static Fault tooManyRequests(Duration retryAfter) {
        long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
        return new TooManyRequests(OptionalLong.of(seconds));
    }

    /** 429 without {@code Retry-After}. */
    static Fault tooManyRequests() {
        return new TooManyRequests(OptionalLong.empty());
    }

    /** Waits {@code delay} (on top of the server's latency), then answers normally. */
    static Fault delay(Duration delay) {
        return new Delay(delay, none());
    }

    /** Waits {@code delay} (on top of the server's latency), then does what {@code then} says. */
    static Fault delay(Duration delay, Fault then) {
        return new Delay(delay, then);
    }

    static Fault hang() {
        return new Hang();
    }

    static Fault reset() {
        return new Reset();
    }

    static Fault malformedJson() {
        return new MalformedJson();
    }

    static Fault wrongDimension(int dimension) {
        return new WrongDimension(dimension);
    }

    static Fault rejectInput(int index) {
        return new RejectInput(index);
    }

    default boolean isNone() {
        return this instanceof None;
    }

    /** Answer normally. */
    record None() implements Fault {
        private static final None INSTANCE = new None();
    }

    /** An error status (for example 400, 401, 500, 503) with the API's error body carrying {@code message}. */
    record Status(int status, String message) implements Fault {
        public Status {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("a fault's status is an error status (4xx or 5xx), was " + status);
            }
            Objects.requireNonNull(message, "message");
        }
    }

    /** 429 in the API's error shape, with {@code Retry-After} when present. */
    record TooManyRequests(OptionalLong retryAfterSeconds) implements Fault {
        public TooManyRequests {
            if (retryAfterSeconds.isPresent() && retryAfterSeconds.getAsLong() < 0) {
                throw new IllegalArgumentException("Retry-After cannot be negative");
            }
        }
    }

    /** Waits, then does what {@code then} says. */
    record Delay(Duration delay, Fault then) implements Fault {
        public Delay {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("delay cannot be negative");
            }
            Objects.requireNonNull(then, "then");
        }
    }

    /** Reads the request and never answers; the connection stays open until the client or the server closes it. */
    record Hang() implements Fault {
    }

    /** Closes the connection with a TCP reset (SO_LINGER 0) instead of answering. */
    record Reset() implements Fault {
    }

    /** 200 with a JSON body cut off in the middle of its vectors. */
    record MalformedJson() implements Fault {
    }

    /** A well-formed answer whose vectors have {@code dimension} components instead of the requested number. */
    record WrongDimension(int dimension) implements Fault {
        public WrongDimension {
            if (dimension < 1) {
                throw new IllegalArgumentException("dimension must be at least 1, was " + dimension);
            }
        }
    }

    /** 400 in the API's error shape, naming input {@code index} as the one refused. */
    record RejectInput(int index) implements Fault {
        public RejectInput {
            if (index < 0) {
                throw new IllegalArgumentException("index cannot be negative");
            }
        }
    }
}
