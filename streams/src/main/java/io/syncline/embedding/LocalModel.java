package io.syncline.embedding;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;

import java.io.InputStream;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The in-process ONNX models Syncline can embed with, as LangChain4j packages them, and what each can see.
 *
 * <p>{@code windowTokens} is the length of the model's input including its two marker tokens ([CLS], [SEP]): the
 * MiniLM jars truncate to 128 tokens in their tokenizer, so anything later in a text never reaches its vector;
 * bge-small reads 512. Chunks are cut to fit the window, counted with the model's own tokenizer.
 */
public enum LocalModel {
    ALL_MINILM_L6_V2_Q("all-minilm-l6-v2-q", 384, 128, "all-minilm-l6-v2-q", PoolingMode.MEAN,
            AllMiniLmL6V2QuantizedEmbeddingModel.class),
    ALL_MINILM_L6_V2("all-minilm-l6-v2", 384, 128, "all-minilm-l6-v2", PoolingMode.MEAN,
            AllMiniLmL6V2EmbeddingModel.class),
    BGE_SMALL_EN_V15_Q("bge-small-en-v15-q", 384, 512, "bge-small-en-v1.5-q", PoolingMode.CLS,
            BgeSmallEnV15QuantizedEmbeddingModel.class);

    /** The model a workspace gets when its config names none. */
    public static final LocalModel DEFAULT = ALL_MINILM_L6_V2_Q;

    /** The two marker tokens every input carries besides its text. */
    public static final int MARKER_TOKENS = 2;

    private final String id;
    private final int dimension;
    private final int windowTokens;
    private final String resourceName;
    private final PoolingMode poolingMode;
    private final Class<?> jarAnchor;

    /**
     * @param resourceName the model's files in its LangChain4j jar: NAME.onnx and NAME-tokenizer.json
     * @param poolingMode  how LangChain4j's class for the model pools token vectors into one
     * @param jarAnchor    LangChain4j's class for the model, to find its jar by
     */
    LocalModel(String id, int dimension, int windowTokens, String resourceName, PoolingMode poolingMode,
               Class<?> jarAnchor) {
        this.id = id;
        this.dimension = dimension;
        this.windowTokens = windowTokens;
        this.resourceName = resourceName;
        this.poolingMode = poolingMode;
        this.jarAnchor = jarAnchor;
    }

    /** The name used in workspace configs and the API, for example {@code all-minilm-l6-v2-q}. */
    public String id() {
        return id;
    }

    public int dimension() {
        return dimension;
    }

    /** Tokens the model reads, marker tokens included. */
    public int windowTokens() {
        return windowTokens;
    }

    /**
     * The most text tokens a chunk may have so that all of them, and one more, reach the vector: one token of
     * headroom below the window keeps a chunk off the truncation edge, so that text joined to it still counts.
     */
    public int maxChunkTokens() {
        return windowTokens - MARKER_TOKENS - 1;
    }

    /** The model's tokenizer definition (HuggingFace tokenizer.json), read from the model's own jar. */
    public InputStream openTokenizerJson() {
        return openResource(resourceName + "-tokenizer.json");
    }

    /** The ONNX graph of the model, read from the model's own jar (tens of MB). */
    InputStream openOnnxGraph() {
        return openResource(resourceName + ".onnx");
    }

    PoolingMode poolingMode() {
        return poolingMode;
    }

    private InputStream openResource(String name) {
        InputStream in = jarAnchor.getResourceAsStream("/" + name);
        if (in == null) {
            throw new IllegalStateException(name + " is missing from the jar of " + id);
        }
        return in;
    }

    /**
     * Loads the model into a session of Syncline's own ({@link OnnxModel}), which runs its calls on the given
     * executor, one thread each.
     */
    public EmbeddingModel load(Executor executor) {
        return OnnxModel.load(this, executor);
    }

    public static Optional<LocalModel> byId(String id) {
        return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst();
    }

    public static String knownIds() {
        return String.join(", ", Arrays.stream(values()).map(LocalModel::id).toList());
    }
}
