package io.syncline.testing.fake;

import io.syncline.testing.fake.RecordedRequest.Outcome;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * The record of every request the fake received, in arrival order, and the way for tests to wait on it without
 * sleeping. Sequence numbers and arrival times are taken under one lock, so their orders agree.
 */
final class RequestLog {

    /** One request's place in the log; an entry dropped by {@link #clear()} can still be updated, unseen. */
    static final class Entry {
        private RecordedRequest value;

        private Entry(RecordedRequest value) {
            this.value = value;
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    private long nextSequence = 1;

    synchronized Entry open(Api api, String method, String path, String model, List<String> inputs) {
        RecordedRequest request = new RecordedRequest(nextSequence++, Instant.now(), System.nanoTime(), api, method,
                path, model, inputs, Fault.none(), Outcome.PENDING, OptionalInt.empty(), OptionalLong.empty(),
                Optional.empty(), OptionalLong.empty());
        Entry entry = new Entry(request);
        entries.add(entry);
        notifyAll();
        return entry;
    }

    synchronized RecordedRequest current(Entry entry) {
        return entry.value;
    }

    synchronized void decided(Entry entry, Fault fault) {
        entry.value = entry.value.withFault(fault);
        notifyAll();
    }

    synchronized void ended(Entry entry, Outcome outcome, OptionalInt status, OptionalLong retryAfterSeconds) {
        entry.value = entry.value.ended(outcome, status, retryAfterSeconds, Instant.now(), System.nanoTime());
        notifyAll();
    }

    synchronized List<RecordedRequest> snapshot() {
        List<RecordedRequest> copy = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            copy.add(entry.value);
        }
        return copy;
    }

    /** Forgets every request and starts the sequence numbers again at 1. */
    synchronized void clear() {
        entries.clear();
        nextSequence = 1;
        notifyAll();
    }

    /** The first recorded request that satisfies {@code condition}, waiting up to {@code timeout} for one. */
    synchronized RecordedRequest awaitFirst(Predicate<RecordedRequest> condition, Duration timeout)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Entry entry : entries) {
                if (condition.test(entry.value)) {
                    return entry.value;
                }
            }
            waitUntil(deadline, "no recorded request satisfied the condition within " + timeout);
        }
    }

    /** The log once it holds at least {@code count} requests that satisfy {@code condition}. */
    synchronized List<RecordedRequest> awaitCount(int count, Predicate<RecordedRequest> condition, Duration timeout)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long matching = entries.stream().filter(entry -> condition.test(entry.value)).count();
            if (matching >= count) {
                return snapshot();
            }
            waitUntil(deadline, "only " + matching + " of " + count + " requests satisfied the condition within "
                    + timeout);
        }
    }

    private void waitUntil(long deadline, String failure) throws InterruptedException, TimeoutException {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw new TimeoutException(failure);
        }
        TimeUnit.NANOSECONDS.timedWait(this, remaining);
    }
}
