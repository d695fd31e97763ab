package io.syncline.embedding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * The embedders of one JVM: each in-process model is loaded once (tens of MB of ONNX on the heap) and shared by all
 * workspaces that use it. Before the first load it makes sure DJL, the library under LangChain4j's tokenizers,
 * never phones home: DJL contacts 169.254.169.254 for telemetry unless OPT_OUT_TRACKING is set.
 */
public final class Embedders implements AutoCloseable {

    private final Map<LocalModel, Embedder> loaded = new EnumMap<>(LocalModel.class);
    private final ExecutorService onnxThreads;
    private final UnaryOperator<Embedder> decorator;

    /** @param threads threads that run ONNX calls in parallel: more than the cores gains nothing */
    public Embedders(int threads) {
        this(threads, UnaryOperator.identity());
    }

    /**
     * @param decorator wraps each embedder once loaded (to count or record its calls, for example)
     */
    public Embedders(int threads, UnaryOperator<Embedder> decorator) {
        this.decorator = decorator;
        AtomicInteger count = new AtomicInteger();
        this.onnxThreads = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "syncline-onnx-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public synchronized Embedder forSpec(EmbeddingSpec spec) {
        String problem = spec.problem();
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return loaded.computeIfAbsent(spec.localModel(), model -> {
            keepDjlOffline();
            return decorator.apply(new LocalEmbedder(model, model.load(onnxThreads)));
        });
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

    @Override
    public void close() {
        onnxThreads.shutdownNow();
    }
}
