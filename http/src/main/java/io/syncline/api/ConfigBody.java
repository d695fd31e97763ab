package io.syncline.api;

import io.syncline.chunking.ChunkingSpec;
import io.syncline.embedding.EmbeddingSpec;
import io.syncline.embedding.LocalModel;
import io.syncline.sync.IndexConfig;

/**
 * The {@code embedding} and {@code chunking} parts of a request, each optional, and the config they make.
 */
record ConfigBody(Embedding embedding, Chunking chunking) {

    /** The embedding part: as {@link EmbeddingSpec}, every field optional. */
    record Embedding(String provider, String model, String baseUrl, Integer dimensions, String apiKeyEnv,
                     String apiKeyFile, String timeout, Integer batchSize, Integer maxRequestsPerMinute,
                     Integer maxTokensPerMinute, Integer maxConcurrency) {
    }

    record Chunking(Integer maxTokens, Integer overlapTokens) {
    }

    /** The config a new workspace gets: what the request says, defaults for what it leaves out. */
    IndexConfig toConfig() {
        return resolve(null);
    }

    /**
     * The config after a change: a part left out keeps its current value, except that the chunking follows a new
     * model's window when only the model changes.
     */
    IndexConfig applyTo(IndexConfig current) {
        return resolve(current);
    }

    private IndexConfig resolve(IndexConfig current) {
        EmbeddingSpec spec = embedding == null && current != null ? current.embedding() : embeddingSpec();
        String problem = spec.problem();
        if (problem != null) {
            throw ApiException.invalid(problem);
        }
        ChunkingSpec chunkingSpec;
        if (chunking == null) {
            chunkingSpec = current != null && current.embedding().equals(spec) ? current.chunking()
                    : ChunkingSpec.defaultFor(spec);
        } else {
            ChunkingSpec defaults = ChunkingSpec.defaultFor(spec);
            int max = chunking.maxTokens() == null ? defaults.maxTokens() : chunking.maxTokens();
            int overlap = chunking.overlapTokens() == null ? Math.min(defaults.overlapTokens(), max / 2)
                    : chunking.overlapTokens();
            chunkingSpec = new ChunkingSpec(max, overlap);
        }
        IndexConfig config = new IndexConfig(spec, chunkingSpec);
        String configProblem = config.problem();
        if (configProblem != null) {
            throw ApiException.invalid(configProblem);
        }
        return config;
    }

    private EmbeddingSpec embeddingSpec() {
        if (embedding == null) {
            return EmbeddingSpec.defaultSpec();
        }
        String provider = embedding.provider() == null ? EmbeddingSpec.LOCAL : embedding.provider();
        String model = embedding.model() == null && EmbeddingSpec.LOCAL.equals(provider) ? LocalModel.DEFAULT.id()
                : embedding.model();
        return new EmbeddingSpec(provider, model, embedding.baseUrl(), embedding.dimensions(), embedding.apiKeyEnv(),
                embedding.apiKeyFile(), embedding.timeout(), embedding.batchSize(), embedding.maxRequestsPerMinute(),
                embedding.maxTokensPerMinute(), embedding.maxConcurrency());
    }
}
