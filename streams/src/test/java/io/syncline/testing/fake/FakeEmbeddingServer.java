package io.syncline.testing.fake;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A fake embeddings provider on 127.0.0.1 (or one other address of this machine that a chaos test gives it, such as
 * its test network's bridge) and an ephemeral port, for tests, benchmarks and chaos runs. It speaks
 * OpenAI's {@code /v1/embeddings}, Ollama's {@code /api/embed} and Cohere's {@code /v1/embed} over HTTP/1.1 with
 * keep-alive, answers with {@link FakeVectors}, records every request, and can be scripted while it runs: latency,
 * a requests-per-minute limit and a {@link FaultPlan}. Built on a plain {@link ServerSocket}, one daemon thread per
 * connection, so that it can hang on a request or reset a connection the way real networks do.
 * It never listens on more than that one address, never on the wildcard, and never makes a connection itself.
 */
public final class FakeEmbeddingServer implements AutoCloseable {

    private static final Duration THREAD_END_TIMEOUT = Duration.ofSeconds(10);

    private final ServerSocket serverSocket;
    private final Script script = new Script();
    private final RequestLog log = new RequestLog();
    private final ExchangeHandler handler = new ExchangeHandler(script, log);
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Map<Connection, Thread> connections = new ConcurrentHashMap<>();
    private final AtomicLong acceptedConnections = new AtomicLong();
    private final Thread acceptor;

    private FakeEmbeddingServer(ServerSocket serverSocket) {
        this.serverSocket = serverSocket;
        this.acceptor = new Thread(this::acceptConnections, "fake-embeddings-" + port() + "-accept");
        this.acceptor.setDaemon(true);
    }

    /** A server listening on 127.0.0.1 and a port of the system's choosing, with no latency, limit or faults. */
    public static FakeEmbeddingServer start() throws IOException {
        return start(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
    }

    /**
     * A server listening on one given address of this machine only: for chaos runs, whose nodes sit in network
     * namespaces that reach the host through a bridge and not through its loopback. The wildcard is refused.
     */
    public static FakeEmbeddingServer start(InetAddress address) throws IOException {
        if (address.isAnyLocalAddress()) {
            throw new IllegalArgumentException("the fake server listens on one address, not on " + address);
        }
        FakeEmbeddingServer server = new FakeEmbeddingServer(new ServerSocket(0, 128, address));
        server.acceptor.start();
        return server;
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** The address it listens on, as it goes into a URL. */
    private String host() {
        InetAddress address = serverSocket.getInetAddress();
        return address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
    }

    /** For LangChain4j's {@code OpenAiEmbeddingModel.builder().baseUrl(...)}, which posts to {@code <base>/embeddings}. */
    public String openAiBaseUrl() {
        return "http://" + host() + ":" + port() + "/v1";
    }

    /** For {@code OllamaEmbeddingModel.builder().baseUrl(...)}, which posts to {@code <base>/api/embed}. */
    public String ollamaBaseUrl() {
        return "http://" + host() + ":" + port();
    }

    /** For {@code CohereEmbeddingModel.builder().baseUrl(...)}, which posts to {@code <base>embed} (Retrofit). */
    public String cohereBaseUrl() {
        return "http://" + host() + ":" + port() + "/v1/";
    }

    /** The dimension of vectors for requests that ask for none (default 384); not changed by {@link #reset()}. */
    public FakeEmbeddingServer dimensions(int dimensions) {
        script.dimensions(dimensions);
        return this;
    }

    public int dimensions() {
        return script.dimensions();
    }

    /** Every answer (and reset) waits this long first; zero by default. */
    public FakeEmbeddingServer latency(Duration latency) {
        script.latency(latency);
        return this;
    }

    /**
     * At most {@code requestsPerMinute} requests admitted in any sliding 60 seconds; the others get 429 with
     * {@code Retry-After} (whole seconds until a slot frees) in the API's error shape. Zero lifts the limit.
     */
    public FakeEmbeddingServer rateLimit(int requestsPerMinute) {
        script.rateLimit().requestsPerMinute(requestsPerMinute);
        return this;
    }

    public FakeEmbeddingServer faults(FaultPlan plan) {
        script.plan(plan);
        return this;
    }

    /**
     * Every request received since the start or the last reset, in arrival order, as it stands now. Bytes that are
     * not an HTTP request at all are answered 400 and not recorded. The record keeps every input text: a long
     * benchmark should {@link #reset()} between phases.
     */
    public List<RecordedRequest> requests() {
        return log.snapshot();
    }

    /**
     * The first recorded request that satisfies {@code condition}, waiting up to {@code timeout} for it; fails with an
     * {@link AssertionError} that shows the record if none comes. Lets a test wait for "the request is hung" or "the
     * answer was sent" without sleeping.
     */
    public RecordedRequest awaitRequest(Predicate<RecordedRequest> condition, Duration timeout)
            throws InterruptedException {
        try {
            return log.awaitFirst(condition, timeout);
        } catch (TimeoutException e) {
            throw new AssertionError(e.getMessage() + "; recorded: " + requests(), e);
        }
    }

    /** The record once it holds at least {@code count} requests that are no longer pending; fails as above. */
    public List<RecordedRequest> awaitEnded(int count, Duration timeout) throws InterruptedException {
        try {
            return log.awaitCount(count, request -> request.outcome() != RecordedRequest.Outcome.PENDING, timeout);
        } catch (TimeoutException e) {
            throw new AssertionError(e.getMessage() + "; recorded: " + requests(), e);
        }
    }

    /** How many connections the server has accepted since it started: tells whether clients reuse them. */
    public long acceptedConnections() {
        return acceptedConnections.get();
    }

    /**
     * Forgets the recorded requests (sequence numbers start again at 1) and lifts the fault plan, the rate limit and
     * the latency. Requests in flight finish as they were decided, unrecorded.
     */
    public FakeEmbeddingServer reset() {
        script.reset();
        log.clear();
        return this;
    }

    /**
     * Stops accepting, closes every connection (hung ones included: their clients get an error) and waits for all
     * of the server's threads to end.
     */
    @Override
    public void close() {
        if (closing.getCount() == 0) {
            return;
        }
        closing.countDown();
        try {
            serverSocket.close();
        } catch (IOException e) {
            // it is closed either way
        }
        List<Thread> threads = new ArrayList<>();
        threads.add(acceptor);
        join(acceptor);
        // the acceptor has ended: no connection can be added after this snapshot
        connections.forEach((connection, thread) -> {
            connection.close();
            threads.add(thread);
        });
        threads.forEach(FakeEmbeddingServer::join);
        List<String> alive = threads.stream().filter(Thread::isAlive).map(Thread::getName).toList();
        if (!alive.isEmpty()) {
            throw new IllegalStateException("threads of the fake server still running after close: " + alive);
        }
    }

    private void acceptConnections() {
        while (closing.getCount() > 0) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                return;
            }
            long number = acceptedConnections.incrementAndGet();
            try {
                socket.setTcpNoDelay(true);
            } catch (IOException e) {
                // only latency suffers
            }
            Connection connection = new Connection(socket, handler, closing, connections::remove);
            Thread thread = new Thread(connection, "fake-embeddings-" + port() + "-connection-" + number);
            thread.setDaemon(true);
            // registered before it starts, so that its removal at the end cannot come first
            connections.put(connection, thread);
            thread.start();
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(THREAD_END_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
