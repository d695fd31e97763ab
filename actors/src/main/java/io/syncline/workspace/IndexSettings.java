package io.syncline.workspace;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.syncline.chunking.ChunkingSpec;
import io.syncline.embedding.EmbeddingSpec;
import io.syncline.sync.IndexConfig;

/**
 * A workspace's index settings as its events and state hold them: the journal's own record, translated from and to
 * the pipeline's {@link IndexConfig} at the edges, so that a change of the API or the pipeline does not change what
 * the journal holds. Its fields (and their JSON names) are those release 0.1 wrote.
 */
public record IndexSettings(Embedding embedding, Chunking chunking) {

    /**
     * The model and how its endpoint may be called. {@code timeout} is kept as the duration text the workspace was
     * configured with ("30s"), as 0.1 wrote it.
     *
     * @param endpoint the name of the endpoint {@code baseUrl} and the key's place were copied from; null for local
     *                 models. Added in 0.2.0: the events and snapshots of 0.1, whose workspaces gave those
     *                 themselves, are read with a name of {@link io.syncline.workspace.journal.MigratedEndpoints}
     */
    public record Embedding(String provider, String model, String baseUrl, Integer dimensions, String apiKeyEnv,
                            String apiKeyFile, String timeout, Integer batchSize, Integer maxRequestsPerMinute,
                            Integer maxTokensPerMinute, Integer maxConcurrency,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String endpoint) {
    }

    public record Chunking(int maxTokens, int overlapTokens) {
    }

    public static IndexSettings of(IndexConfig config) {
        EmbeddingSpec e = config.embedding();
        return new IndexSettings(new Embedding(e.provider(), e.model(), e.baseUrl(), e.dimensions(), e.apiKeyEnv(),
                e.apiKeyFile(), e.timeout(), e.batchSize(), e.maxRequestsPerMinute(), e.maxTokensPerMinute(),
                e.maxConcurrency(), e.endpoint()),
                new Chunking(config.chunking().maxTokens(), config.chunking().overlapTokens()));
    }

    public IndexConfig toConfig() {
        Embedding e = embedding;
        return new IndexConfig(new EmbeddingSpec(e.provider(), e.model(), e.baseUrl(), e.dimensions(), e.apiKeyEnv(),
                e.apiKeyFile(), e.timeout(), e.batchSize(), e.maxRequestsPerMinute(), e.maxTokensPerMinute(),
                e.maxConcurrency(), e.endpoint()), new ChunkingSpec(chunking.maxTokens(), chunking.overlapTokens()));
    }

    /** The index generation these settings make (see {@link IndexConfig#generation()}). */
    public String generation() {
        return toConfig().generation();
    }
}
