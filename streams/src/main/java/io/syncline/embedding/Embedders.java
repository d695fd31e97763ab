package io.syncline.embedding;

import io.syncline.embedding.remote.ProviderEndpoints;
import io.syncline.embedding.remote.ProviderStatus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * The embedders of one JVM: each in-process model is loaded once (tens of MB of ONNX on the heap) and shared by all
 * workspaces that use it; each remote endpoint has one governor ({@link ProviderEndpoints}). Before the first load
 * it makes sure DJL, the library under LangChain4j's tokenizers, never phones home: DJL contacts 169.254.169.254
 * for telemetry unless OPT_OUT_TRACKING is set.
 */
public final class Embedders implements AutoCloseable {

    /** The dispatcher local models are called from ({@code callers} of a node). */
    public static final String CALLERS_DISPATCHER = "syncline.dispatchers.embedding";
    private static final String ONNX_THREADS = "syncline-onnx-";
    private static final String OWN_CALLERS = "syncline-embed-";

    /**
     * Whether a thread of this JVM computes in-process models, by its name: the ONNX threads, and the callers, which
     * compute a single text (a search query) themselves and otherwise wait for the ONNX threads. ONNX Runtime runs
     * each call on its calling thread. The benchmarks tell the model's CPU from the rest of the node's by this.
     */
    public static boolean computesModels(String threadName) {
        return threadName.startsWith(ONNX_THREADS) || threadName.startsWith(OWN_CALLERS)
                || threadName.contains(CALLERS_DISPATCHER);
    }

    private final Map<LocalModel, Embedder> loaded = new EnumMap<>(LocalModel.class);
    private final ExecutorService onnxThreads;
    private final Executor callers;
    private final ProviderEndpoints providers;
    private final UnaryOperator<Embedder> decorator;
    private final ExecutorService ownCallers;

    /**
     * @param onnxThreads threads that run ONNX inference: more than the cores gains nothing
     * @param callers     where calls into local models wait (the embedding dispatcher)
     * @param providers   the remote endpoints, or null for a JVM that only runs local models
     * @param decorator   wraps each embedder once made (to count or record its calls, for example)
     */
    public Embedders(int onnxThreads, Executor callers, ProviderEndpoints providers,
                     UnaryOperator<Embedder> decorator) {
        this.onnxThreads = Executors.newFixedThreadPool(onnxThreads, daemon(ONNX_THREADS));
        this.callers = callers;
        this.providers = providers;
        this.decorator = decorator;
        this.ownCallers = null;
    }

    /** Local models only, with threads of its own: for tools and tests without an actor system. */
    public Embedders(int onnxThreads) {
        this.onnxThreads = Executors.newFixedThreadPool(onnxThreads, daemon(ONNX_THREADS));
        this.ownCallers = Executors.newFixedThreadPool(4, daemon(OWN_CALLERS));
        this.callers = ownCallers;
        this.providers = null;
        this.decorator = UnaryOperator.identity();
    }

    public Embedder forSpec(EmbeddingSpec spec) {
        String problem = spec.problem();
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (!spec.runsInProcess()) {
            if (providers == null) {
                throw new IllegalStateException("remote providers are not set up in this JVM");
            }
            return decorator.apply(providers.embedder(spec));
        }
        synchronized (loaded) {
            return loaded.computeIfAbsent(spec.localModel(), model -> {
                keepDjlOffline();
                return decorator.apply(new LocalEmbedder(model, model.load(onnxThreads), callers));
            });
        }
    }

    /** Checks that a spec can run on this node (a remote one's key is readable), without calling anything. */
    public void check(EmbeddingSpec spec) {
        String problem = spec.problem();
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (!spec.runsInProcess()) {
            if (providers == null) {
                throw new IllegalStateException("remote providers are not set up in this JVM");
            }
            providers.check(spec);
        }
    }

    /** The status of every remote endpoint used so far on this node. */
    public List<ProviderStatus> providerStatuses() {
        return providers == null ? List.of() : providers.statuses();
    }

    /** What troubles a spec's endpoint now (open circuit, Retry-After pause), if anything. */
    public Optional<String> trouble(EmbeddingSpec spec) {
        if (providers == null || spec.runsInProcess()) {
            return Optional.empty();
        }
        return providers.endpoint(spec).flatMap(e -> e.trouble());
    }

    /**
     * Sets DJL's opt-out as a system property (DJL reads the environment first, then system properties) and makes
     * sure the temporary directory ONNX Runtime unpacks its native library into exists.
     */
    public static void keepDjlOffline() {
        if (System.getenv("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        try {
            Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create java.io.tmpdir", e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        onnxThreads.shutdownNow();
        if (ownCallers != null) {
            ownCallers.shutdownNow();
        }
    }
}
