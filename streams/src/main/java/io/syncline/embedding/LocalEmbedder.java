package io.syncline.embedding;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;

import java.util.List;

/** An in-process LangChain4j ONNX model as an {@link Embedder}. */
final class LocalEmbedder implements Embedder {

    private final LocalModel model;
    private final EmbeddingModel onnx;

    LocalEmbedder(LocalModel model, EmbeddingModel onnx) {
        this.model = model;
        this.onnx = onnx;
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
    public List<float[]> embedAll(List<String> texts) {
        List<Embedding> embeddings = onnx.embedAll(texts.stream().map(TextSegment::from).toList()).content();
        return embeddings.stream().map(Embedding::vector).toList();
    }

    @Override
    public float[] embedQuery(String query) {
        return onnx.embed(query).content().vector();
    }
}
