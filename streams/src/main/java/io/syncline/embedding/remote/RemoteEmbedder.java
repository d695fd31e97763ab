package io.syncline.embedding.remote;

import io.syncline.embedding.Embedder;
import io.syncline.embedding.EmbeddingResult;
import io.syncline.embedding.EmbeddingSpec;

import java.util.List;
import java.util.concurrent.CompletionStage;

/** A remote model as an {@link Embedder}: every call goes through its endpoint's governor. */
final class RemoteEmbedder implements Embedder {

    private final EmbeddingSpec spec;
    private final ProviderEndpoint endpoint;
    private final ProviderModels.Calls calls;

    /** @param calls what this workspace's requests carry (its dimensions); the endpoint governs them with others' */
    RemoteEmbedder(EmbeddingSpec spec, ProviderEndpoint endpoint, ProviderModels.Calls calls) {
        this.spec = spec;
        this.endpoint = endpoint;
        this.calls = calls;
    }

    @Override
    public String modelKey() {
        return spec.modelKey();
    }

    @Override
    public int dimension() {
        return spec.dimension();
    }

    @Override
    public int batchSize() {
        return endpoint.limits().batchSize();
    }

    @Override
    public CompletionStage<List<EmbeddingResult>> embed(List<String> texts, List<Integer> tokens) {
        return endpoint.embed(calls, texts, tokens);
    }

    @Override
    public CompletionStage<float[]> embedQuery(String query) {
        return endpoint.embedQuery(calls, query);
    }
}
