package io.syncline.bench.baseline;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import io.syncline.embedding.LocalModel;
import io.syncline.embedding.OnnxNatives;

/** The LangChain4j model classes behind Syncline's local models, made the way a LangChain4j user makes them. */
public final class InProcessModels {

    private InProcessModels() {
    }

    /**
     * A new instance with LangChain4j's defaults (its own thread pool, one thread per core), on the ONNX Runtime
     * libraries the node unpacked (should this JVM load ONNX Runtime here first).
     */
    public static EmbeddingModel plain(LocalModel model) {
        OnnxNatives.prepare();
        return switch (model) {
            case ALL_MINILM_L6_V2_Q -> new AllMiniLmL6V2QuantizedEmbeddingModel();
            case ALL_MINILM_L6_V2 -> new AllMiniLmL6V2EmbeddingModel();
            case BGE_SMALL_EN_V15_Q -> new BgeSmallEnV15QuantizedEmbeddingModel();
        };
    }
}
