package io.syncline.embedding;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * An in-process LangChain4j ONNX model as an {@link Embedder}. The blocking LangChain4j call runs on the given
 * executor (the embedding dispatcher) and waits there for the ONNX threads.
 */
final class LocalEmbedder implements Embedder {

    private final LocalModel model;
    private final EmbeddingModel onnx;
    private final Executor callers;

    LocalEmbedder(LocalModel model, EmbeddingModel onnx, Executor callers) {
        this.model = model;
        this.onnx = onnx;
        this.callers = callers;
    }

    @Override
    public String modelKey() {
        return new EmbeddingSpec(EmbeddingSpec.LOCAL, model.id()).modelKey();
    }

    @Override
    public int dimension() {
        return model.dimension();
    }

    @Override
    public int batchSize() {
        return ProviderKind.LOCAL.defaults().batchSize();
    }

    @Override
    public CompletionStage<List<EmbeddingResult>> embed(List<String> texts, List<Integer> tokens) {
        return CompletableFuture.supplyAsync(() -> embedNow(texts), callers);
    }

    @Override
    public CompletionStage<float[]> embedQuery(String query) {
        return CompletableFuture.supplyAsync(() -> onnx.embed(query).content().vector(), callers);
    }

    /** An error of the model is the texts' own (the model runs here: there is no outage to wait for). */
    private List<EmbeddingResult> embedNow(List<String> texts) {
        List<EmbeddingResult> results = new ArrayList<>(texts.size());
        try {
            List<Embedding> embeddings = onnx.embedAll(texts.stream().map(TextSegment::from).toList()).content();
            embeddings.forEach(e -> results.add(new EmbeddingResult.Vector(e.vector())));
        } catch (RuntimeException e) {
            Instant now = Instant.now();
            String reason = "the local model failed: " + e.getClass().getSimpleName() + ": " + e.getMessage();
            texts.forEach(t -> results.add(new EmbeddingResult.Failure(reason, 1, now, now)));
        }
        return results;
    }
}
