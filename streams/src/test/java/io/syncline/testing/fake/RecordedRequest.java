package io.syncline.testing.fake;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One request as the fake saw it and what it did with it. Immutable: {@link FakeEmbeddingServer#requests()} returns
 * the state at the moment of the call, so a request still being answered shows {@link Outcome#PENDING}.
 *
 * @param sequence          1 for the first request since the server started or was reset, in arrival order
 * @param arrivedAt         when the server had read the request whole
 * @param arrivedNanos      {@link System#nanoTime()} at the same moment, for measuring
 * @param model             the model the request names, empty if none or unreadable
 * @param inputs            the texts to embed, empty if none or unreadable
 * @param fault             what the fault plan decided (none when the plan was not asked: 404, 401, 429, 400)
 * @param status            the HTTP status answered, empty unless {@link Outcome#ANSWERED}
 * @param retryAfterSeconds the {@code Retry-After} header sent, if any
 * @param answeredAt        when the server began to write the answer or to reset the connection, which it records
 *                          first so that a client holding its answer finds it here; empty while pending or hung
 */
public record RecordedRequest(
        long sequence,
        Instant arrivedAt,
        long arrivedNanos,
        Api api,
        String method,
        String path,
        String model,
        List<String> inputs,
        Fault fault,
        Outcome outcome,
        OptionalInt status,
        OptionalLong retryAfterSeconds,
        Optional<Instant> answeredAt,
        OptionalLong answeredNanos) {

    public enum Outcome {
        /** Not answered yet, or never: the server closed while it was waiting to answer. */
        PENDING,
        /** An HTTP answer was sent; {@link #status()} says which. */
        ANSWERED,
        /** Read and left unanswered on purpose (a hang fault). */
        HUNG,
        /** The connection was reset instead of answering. */
        RESET
    }

    public RecordedRequest {
        inputs = List.copyOf(inputs);
    }

    public int inputCount() {
        return inputs.size();
    }

    RecordedRequest withFault(Fault decided) {
        return new RecordedRequest(sequence, arrivedAt, arrivedNanos, api, method, path, model, inputs, decided,
                outcome, status, retryAfterSeconds, answeredAt, answeredNanos);
    }

    RecordedRequest ended(Outcome ending, OptionalInt answeredStatus, OptionalLong retryAfter, Instant at,
                          long nanos) {
        boolean timed = ending != Outcome.HUNG;
        return new RecordedRequest(sequence, arrivedAt, arrivedNanos, api, method, path, model, inputs, fault,
                ending, answeredStatus, retryAfter, timed ? Optional.of(at) : Optional.empty(),
                timed ? OptionalLong.of(nanos) : OptionalLong.empty());
    }
}
