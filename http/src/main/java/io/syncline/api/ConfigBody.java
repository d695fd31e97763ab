package io.syncline.api;

import io.syncline.chunking.ChunkingSpec;
import io.syncline.embedding.EmbeddingSpec;
import io.syncline.embedding.LocalModel;
import io.syncline.embedding.NamedEndpoint;
import io.syncline.embedding.ProviderKind;
import io.syncline.sync.IndexConfig;

import java.util.Optional;

/**
 * The {@code embedding} and {@code chunking} parts of a request, each optional, and the config they make. A remote
 * model is reached through an endpoint an admin defined ({@code endpoint}, by name): its URL and the place of its key
 * come from there, never from the request.
 */
record ConfigBody(Embedding embedding, Chunking chunking) {

    /**
     * The embedding part: as {@link EmbeddingSpec}, every field optional. {@code baseUrl}, {@code apiKeyEnv} and
     * {@code apiKeyFile} are read only to refuse them with a message that says what to send instead.
     */
    record Embedding(String provider, String endpoint, String model, String baseUrl, Integer dimensions,
                     String apiKeyEnv, String apiKeyFile, String timeout, Integer batchSize,
                     Integer maxRequestsPerMinute, Integer maxTokensPerMinute, Integer maxConcurrency) {
    }

    /** The endpoint the request names, if it names one. */
    Optional<String> endpointName() {
        return embedding == null ? Optional.empty() : Optional.ofNullable(embedding.endpoint());
    }

    record Chunking(Integer maxTokens, Integer overlapTokens) {
    }

    /** The config a new workspace gets: what the request says, defaults for what it leaves out. */
    IndexConfig toConfig(Optional<NamedEndpoint> endpoint) {
        return resolve(null, endpoint);
    }

    /**
     * The config after a change: a part left out keeps its current value, except that the chunking follows a new
     * model's window when only the model changes.
     */
    IndexConfig applyTo(IndexConfig current, Optional<NamedEndpoint> endpoint) {
        return resolve(current, endpoint);
    }

    private IndexConfig resolve(IndexConfig current, Optional<NamedEndpoint> endpoint) {
        EmbeddingSpec spec = embedding == null && current != null ? current.embedding() : embeddingSpec(endpoint);
        String problem = spec.problem();
        if (problem != null) {
            throw ApiException.invalid(problem);
        }
        ChunkingSpec chunkingSpec;
        if (chunking == null) {
            // Only another model has another window: a new endpoint name or new limits keep the chunking.
            chunkingSpec = current != null && current.embedding().modelKey().equals(spec.modelKey())
                    ? current.chunking() : ChunkingSpec.defaultFor(spec);
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

    private EmbeddingSpec embeddingSpec(Optional<NamedEndpoint> endpoint) {
        if (embedding == null) {
            return EmbeddingSpec.defaultSpec();
        }
        if (embedding.baseUrl() != null || embedding.apiKeyEnv() != null || embedding.apiKeyFile() != null) {
            throw ApiException.invalid("embedding.baseUrl, apiKeyEnv and apiKeyFile are an admin's to set, on an"
                    + " endpoint (PUT /v1/endpoints/{name}); name one with embedding.endpoint (GET /v1/endpoints"
                    + " lists them)");
        }
        if (embedding.endpoint() == null) {
            String provider = embedding.provider() == null ? EmbeddingSpec.LOCAL : embedding.provider();
            if (!EmbeddingSpec.LOCAL.equals(provider) && ProviderKind.byName(provider).isPresent()) {
                throw ApiException.invalid("embedding.endpoint is required for provider '" + provider + "': remote"
                        + " models are reached through an endpoint an admin defined (GET /v1/endpoints lists them)");
            }
            String model = embedding.model() == null ? LocalModel.DEFAULT.id() : embedding.model();
            return new EmbeddingSpec(provider, model, null, embedding.dimensions(), null, null, embedding.timeout(),
                    embedding.batchSize(), embedding.maxRequestsPerMinute(), embedding.maxTokensPerMinute(),
                    embedding.maxConcurrency(), null);
        }
        NamedEndpoint named = endpoint.orElseThrow(() -> ApiException.invalid("endpoint '" + embedding.endpoint()
                + "' does not exist; GET /v1/endpoints lists them"));
        if (embedding.provider() != null && !embedding.provider().equals(named.kind())) {
            throw ApiException.invalid("embedding.provider '" + embedding.provider() + "' is not the kind of endpoint '"
                    + embedding.endpoint() + "' (" + named.kind() + "); leave it out");
        }
        Require.present(embedding.model(), "embedding.model");
        int dimensions;
        try {
            dimensions = named.dimensionFor(embedding.endpoint(), embedding.model(), embedding.dimensions());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(e.getMessage());
        }
        return new EmbeddingSpec(named.kind(), embedding.model(), named.baseUrl(), dimensions, named.apiKeyEnv(),
                named.apiKeyFile(), embedding.timeout(), embedding.batchSize(), embedding.maxRequestsPerMinute(),
                embedding.maxTokensPerMinute(), embedding.maxConcurrency(), embedding.endpoint());
    }
}
