package io.syncline.embedding.remote;

import io.syncline.embedding.EmbeddingResult;
import io.syncline.embedding.ProviderCallException;
import io.syncline.embedding.EndpointLimits;
import io.syncline.embedding.ProviderUnavailableException;
import org.apache.pekko.pattern.CircuitBreaker;
import org.apache.pekko.pattern.CircuitBreakerOpenException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The governor of one provider endpoint on this node, shared by every workspace that uses it. A batch waits for
 * admission (the endpoint's circuit not open, no Retry-After pause running, a free slot among
 * {@code maxConcurrency}, room in the requests and tokens per minute), is sent with exactly one HTTP request, and on
 * failure is, by what can help: paused and resent after a 429 (every call of the endpoint waits out its
 * Retry-After); resent after a backoff with jitter when the failure may pass, up to {@code maxAttempts} calls and
 * {@code maxRetryTime}; split in halves when the provider refused the request (one input may be the cause), until
 * the refused inputs stand alone; given up at once otherwise. Failures that may pass open the circuit after
 * {@code breakerMaxFailures} in a row; while it is open batches wait, and only a probe now and then reaches the
 * provider.
 *
 * <p>It never fails a batch as a whole: each text ends with a vector or a reason.
 *
 * <p>In a cluster the limits hold for all nodes together: this node uses its {@link ClusterShare} of them, a
 * Retry-After seen here is announced to the other nodes (and one they saw pauses this node too), and while another
 * node reports the endpoint's circuit open or half-open this node sends nothing, leaving the probing to that node.
 */
public final class ProviderEndpoint {

    static final String CLOSED = "closed";
    static final String OPEN = "open";
    static final String HALF_OPEN = "half-open";

    private final String id;
    private final EndpointInfo info;
    private final EndpointLimits limits;
    private final ProviderRuntime runtime;
    private final ProviderSettings settings;
    private final CircuitBreaker breaker;
    private final RateGate gate;
    private final CallLog log = new CallLog();
    private final Deque<Waiter> waiting = new ArrayDeque<>();
    private final Consumer<EndpointState> announce;
    private ClusterShare share = ClusterShare.ALONE;
    private int concurrency;
    private int inFlight;
    private long pausedUntil;
    private long peersOpenUntil;
    private List<String> openOn = List.of();
    private boolean pumpScheduled;
    private String lastError;
    private Instant lastErrorAt;

    /** What an endpoint is, for its status. */
    public record EndpointInfo(String kind, String baseUrl, String model) {
    }

    /** @param announce told of a Retry-After pause and of every change of the circuit, to tell the other nodes */
    ProviderEndpoint(String id, EndpointInfo info, EndpointLimits limits, ProviderRuntime runtime,
                     Consumer<EndpointState> announce) {
        this.id = id;
        this.info = info;
        this.limits = limits;
        this.runtime = runtime;
        this.settings = runtime.settings();
        this.breaker = CircuitBreaker.create(runtime.classicScheduler(), settings.breakerMaxFailures(),
                limits.timeout().plus(Duration.ofSeconds(10)), settings.breakerReset())
                .withExponentialBackoff(settings.breakerMaxReset());
        this.gate = new RateGate(limits.maxRequestsPerMinute(), limits.maxTokensPerMinute(), settings.headroom(),
                settings.decreaseFactor(), settings.recoveryPerSecond(), runtime.nanoTime());
        this.concurrency = limits.maxConcurrency();
        this.announce = announce;
        breaker.addOnOpenListener(this::announceState);
        breaker.addOnHalfOpenListener(this::announceState);
        breaker.addOnCloseListener(this::announceState);
    }

    // ---- the cluster: shares, and what other nodes saw ----

    /** Uses this share of the endpoint's limits from now on. */
    void share(ClusterShare next) {
        List<Runnable> completions;
        synchronized (this) {
            share = next;
            concurrency = next.concurrency(limits.maxConcurrency());
            gate.share(next.fraction());
            completions = pump();
        }
        completions.forEach(Runnable::run);
    }

    /** Another node was asked to wait until then: so is this one. */
    void peerPaused(Instant until) {
        long remaining = Duration.between(Instant.now(), until).toNanos();
        if (remaining > 0) {
            synchronized (this) {
                pausedUntil = Math.max(pausedUntil, runtime.nanoTime() + remaining);
            }
        }
    }

    /**
     * Other nodes report the circuit not closed: this node sends nothing for {@code forNanos} from now (0 when no
     * other node reports trouble), unless told again.
     */
    void peersTroubled(List<String> nodes, long forNanos) {
        List<Runnable> completions;
        synchronized (this) {
            openOn = List.copyOf(nodes);
            peersOpenUntil = forNanos > 0 ? runtime.nanoTime() + forNanos : 0;
            completions = pump();
        }
        completions.forEach(Runnable::run);
    }

    /** This node's view of the endpoint, as the other nodes are told it. */
    public synchronized EndpointState state() {
        long now = runtime.nanoTime();
        Instant paused = pausedUntil > now ? Instant.now().plusNanos(pausedUntil - now) : null;
        return new EndpointState(id, info.kind(), info.baseUrl(), info.model(), localCircuit(), paused);
    }

    private void announceState() {
        announce.accept(state());
    }

    private String localCircuit() {
        return breaker.isClosed() ? CLOSED : breaker.isHalfOpen() ? HALF_OPEN : OPEN;
    }

    private boolean peersOpen(long now) {
        return now < peersOpenUntil;
    }

    public String id() {
        return id;
    }

    public EndpointLimits limits() {
        return limits;
    }

    /**
     * One result per text: the batch is admitted, sent with the workspace's calls, retried, split as its failures
     * allow.
     */
    CompletionStage<List<EmbeddingResult>> embed(ProviderModels.Calls calls, List<String> texts,
                                                 List<Integer> tokens) {
        return attempt(new Batch(calls, texts, tokens, 1, null, Long.MAX_VALUE));
    }

    /** A query's vector: one call now, or {@link ProviderUnavailableException} at once if the endpoint is down. */
    CompletionStage<float[]> embedQuery(ProviderModels.Calls calls, String query) {
        synchronized (this) {
            if (!breaker.isClosed() || peersOpen(runtime.nanoTime())) {
                return CompletableFuture.failedFuture(new ProviderUnavailableException("embedding provider " + id
                        + " is failing (its circuit is open): try again shortly"));
            }
            if (runtime.nanoTime() < pausedUntil) {
                return CompletableFuture.failedFuture(new ProviderUnavailableException("embedding provider " + id
                        + " asked to wait (Retry-After): try again shortly"));
            }
        }
        int tokens = Math.max(1, query.length() / 4);
        return admit(tokens).thenCompose(permit -> call(calls.queries(), calls.dimension(), List.of(query))
                        .whenComplete((vectors, error) -> release(permit, vectors == null ? error : null)))
                .handle((vectors, error) -> {
                    if (error == null) {
                        return vectors.get(0);
                    }
                    ProviderFailure failure = ProviderFailure.classify(error);
                    throw failure.kind() == ProviderFailure.Kind.TRANSIENT
                            || failure.kind() == ProviderFailure.Kind.RATE_LIMITED
                            ? new ProviderUnavailableException("embedding provider " + id + " failed the query: "
                            + failure.message() + "; try again shortly")
                            : new ProviderCallException("embedding provider " + id + " refused the query: "
                            + failure.message());
                });
    }

    private CompletionStage<List<EmbeddingResult>> attempt(Batch batch) {
        return admit(batch.tokenSum())
                .thenCompose(permit -> call(batch.calls().documents(), batch.calls().dimension(), batch.texts())
                        .handle((vectors, error) -> {
                            release(permit, vectors == null ? error : null);
                            return afterCall(batch, vectors, error);
                        }))
                .thenCompose(next -> next);
    }

    private CompletionStage<List<EmbeddingResult>> afterCall(Batch batch, List<float[]> vectors, Throwable error) {
        if (error == null) {
            return CompletableFuture.completedFuture(vectors.stream()
                    .map(v -> (EmbeddingResult) new EmbeddingResult.Vector(v)).toList());
        }
        if (unwrap(error) instanceof CircuitBreakerOpenException) {
            // Nothing reached the provider: wait for the circuit, without counting an attempt.
            return later(settings.openPoll(), () -> attempt(batch));
        }
        ProviderFailure failure = ProviderFailure.classify(error);
        Instant now = Instant.now();
        Batch failed = batch.failedAt(now, runtime.nanoTime() + settings.maxRetryTime().toNanos());
        boolean timeLeft = runtime.nanoTime() < failed.deadline();
        boolean triesLeft = timeLeft && batch.attempt() < settings.maxAttempts();
        switch (failure.kind()) {
            case RATE_LIMITED:
                // release() has paused the endpoint already, before any other call could be admitted. A provider
                // asking for patience gets it: 429s count against the time a batch may take, not its attempts.
                return timeLeft ? attempt(failed) : giveUp(failed, failure, now);
            case TRANSIENT:
                return triesLeft ? later(backoff(batch.attempt()), () -> attempt(failed.next()))
                        : giveUp(failed, failure, now);
            case INPUT_REJECTED:
                if (batch.texts().size() > 1) {
                    return split(failed);
                }
                return giveUp(failed, failure, now);
            default:
                return giveUp(failed, failure, now);
        }
    }

    /** Sends each half as a batch of its own, so that refused inputs end up alone and the rest goes through. */
    private CompletionStage<List<EmbeddingResult>> split(Batch batch) {
        int half = batch.texts().size() / 2;
        CompletionStage<List<EmbeddingResult>> left = attempt(batch.slice(0, half));
        CompletionStage<List<EmbeddingResult>> right = attempt(batch.slice(half, batch.texts().size()));
        return left.thenCombine(right, (a, b) -> {
            List<EmbeddingResult> all = new ArrayList<>(a);
            all.addAll(b);
            return all;
        });
    }

    private CompletionStage<List<EmbeddingResult>> giveUp(Batch batch, ProviderFailure failure, Instant now) {
        String reason = batch.attempt() > 1 ? failure.message() + " (after " + batch.attempt() + " attempts)"
                : failure.message();
        EmbeddingResult result = new EmbeddingResult.Failure(reason, batch.attempt(), batch.firstFailedAt(), now);
        return CompletableFuture.completedFuture(batch.texts().stream().map(t -> result).toList());
    }

    /**
     * One HTTP request, through the circuit breaker: only failures that may pass count against the circuit (a
     * refused input or a 429 says the provider is up).
     */
    private CompletionStage<List<float[]>> call(Function<List<String>, List<float[]>> model, int dimension,
                                                List<String> texts) {
        return breaker.callWithCircuitBreakerCS(() -> CompletableFuture.supplyAsync(() -> {
            List<float[]> vectors = model.apply(texts);
            for (float[] vector : vectors) {
                if (vector.length != dimension) {
                    throw new WrongDimensionException(vector.length, dimension);
                }
            }
            if (vectors.size() != texts.size()) {
                throw new IllegalStateException("the provider returned " + vectors.size() + " vectors for "
                        + texts.size() + " texts");
            }
            return vectors;
        }, runtime.calls()), (result, error) -> error.isPresent()
                && !(unwrap(error.get()) instanceof CircuitBreakerOpenException)
                && ProviderFailure.classify(error.get()).kind() == ProviderFailure.Kind.TRANSIENT);
    }

    // ---- admission: pause, concurrency, rates ----

    private record Waiter(int tokens, CompletableFuture<Long> admitted) {
    }

    private CompletionStage<Long> admit(int tokens) {
        CompletableFuture<Long> admitted = new CompletableFuture<>();
        List<Runnable> completions;
        synchronized (this) {
            waiting.add(new Waiter(tokens, admitted));
            completions = pump();
        }
        completions.forEach(Runnable::run);
        return admitted;
    }

    /** Admits waiting calls in order while they may go; schedules itself for when the head may go next. */
    private List<Runnable> pump() {
        List<Runnable> completions = new ArrayList<>();
        while (!waiting.isEmpty() && inFlight < concurrency) {
            long now = runtime.nanoTime();
            long wait = Math.max(pausedUntil - now, gate.waitNanos(now, waiting.peek().tokens()));
            if (breaker.isOpen() || peersOpen(now)) {
                // no call while open here, nor while another node has it open (it probes); a probe once it is not
                wait = Math.max(wait, settings.openPoll().toNanos());
            }
            if (wait > 0) {
                if (!pumpScheduled) {
                    pumpScheduled = true;
                    runtime.after(Duration.ofNanos(wait), this::scheduledPump);
                }
                break;
            }
            Waiter next = waiting.poll();
            gate.take(now, next.tokens());
            inFlight++;
            log.sent(now, next.tokens());
            completions.add(() -> next.admitted().complete(now));
        }
        return completions;
    }

    private void scheduledPump() {
        List<Runnable> completions;
        synchronized (this) {
            pumpScheduled = false;
            completions = pump();
        }
        completions.forEach(Runnable::run);
    }

    /**
     * Frees the call's slot. After a 429 it first pauses the endpoint: nothing more is sent until the Retry-After
     * has passed (then at a lower rate), and this happens before the next waiting call could be admitted. The other
     * nodes are told of the pause.
     */
    private void release(long admittedAt, Throwable error) {
        List<Runnable> completions;
        boolean paused = false;
        synchronized (this) {
            inFlight--;
            long now = runtime.nanoTime();
            if (error == null) {
                gate.succeeded(now);
            } else if (!(unwrap(error) instanceof CircuitBreakerOpenException)) {
                ProviderFailure failure = ProviderFailure.classify(error);
                lastError = failure.message();
                lastErrorAt = Instant.now();
                if (failure.kind() == ProviderFailure.Kind.RATE_LIMITED) {
                    Duration pause = failure.retryAfter() != null ? failure.retryAfter()
                            : settings.rateLimitedBackoff();
                    pausedUntil = Math.max(pausedUntil, now + pause.toNanos());
                    gate.rateLimited(now);
                    log.rateLimited();
                    paused = true;
                }
            }
            completions = pump();
        }
        if (paused) {
            announceState();
        }
        completions.forEach(Runnable::run);
    }

    private Duration backoff(int attempt) {
        long cap = Math.min(settings.maxBackoff().toMillis(),
                settings.baseBackoff().toMillis() * (1L << Math.min(20, attempt - 1)));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1)); // jitter: half to full
    }

    private <T> CompletionStage<T> later(Duration delay, java.util.function.Supplier<CompletionStage<T>> next) {
        CompletableFuture<T> result = new CompletableFuture<>();
        runtime.after(delay, () -> next.get().whenComplete((value, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(value);
            }
        }));
        return result;
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    // ---- status ----

    /** The endpoint's status: its circuit is the worst of this node's and those other nodes report. */
    public synchronized ProviderStatus status() {
        long now = runtime.nanoTime();
        String local = localCircuit();
        String circuit = !CLOSED.equals(local) || !peersOpen(now) ? local : OPEN;
        List<String> troubled = peersOpen(now) ? openOn : List.of();
        Instant paused = pausedUntil > now ? Instant.now().plusNanos(pausedUntil - now) : null;
        return new ProviderStatus(id, info.kind(), info.baseUrl(), info.model(), circuit, troubled, true,
                log.requestsInLastMinute(now), log.tokensInLastMinute(now), log.rateLimitedResponses(),
                gate.factor(), paused, inFlight, waiting.size(), lastError, lastErrorAt, limits,
                share.fraction(), concurrency);
    }

    /** Circuit state for callers that only need it. */
    public synchronized Optional<String> trouble() {
        if (!breaker.isClosed()) {
            return Optional.of("circuit " + (breaker.isHalfOpen() ? "half-open" : "open") + ": " + lastError);
        }
        if (peersOpen(runtime.nanoTime())) {
            return Optional.of("circuit open on " + String.join(", ", openOn));
        }
        if (runtime.nanoTime() < pausedUntil) {
            return Optional.of("paused by the provider (Retry-After)");
        }
        return Optional.empty();
    }

    /**
     * A batch in flight: its texts, which attempt this is, when it first failed, and until when it may be retried
     * (counted from its first failure, so that a wait for admission costs nothing).
     */
    private record Batch(ProviderModels.Calls calls, List<String> texts, List<Integer> tokens, int attempt,
                         Instant firstFailedAt, long deadline) {

        int tokenSum() {
            return tokens.stream().mapToInt(Integer::intValue).sum();
        }

        Batch failedAt(Instant now, long deadlineIfFirst) {
            return firstFailedAt != null ? this : new Batch(calls, texts, tokens, attempt, now, deadlineIfFirst);
        }

        Batch next() {
            return new Batch(calls, texts, tokens, attempt + 1, firstFailedAt, deadline);
        }

        Batch slice(int from, int to) {
            return new Batch(calls, texts.subList(from, to), tokens.subList(from, to), attempt, firstFailedAt,
                    deadline);
        }
    }
}
