package io.syncline.embedding.remote;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.cohere.CohereEmbeddingModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.ollama.OllamaEmbeddingModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import io.syncline.embedding.EmbeddingSpec;
import io.syncline.embedding.EndpointLimits;

import java.util.List;
import java.util.function.Function;

/**
 * LangChain4j's embedding model for a remote spec, as a blocking function from texts to vectors: one HTTP request
 * per call (LangChain4j's own retries off, batches no larger than ours), with the Retry-After-keeping HTTP client
 * where the module takes one. Cohere's model is built twice: documents and queries have their own input types.
 */
final class ProviderModels {

    /**
     * What one workspace's requests to an endpoint carry: the functions called for documents and for queries, and
     * the size of the vectors they must return. Two workspaces on one endpoint share its limits, not these.
     */
    record Calls(Function<List<String>, List<float[]>> documents, Function<List<String>, List<float[]>> queries,
                 int dimension) {
    }

    private ProviderModels() {
    }

    /** A workspace's calls to its endpoint, with the endpoint's limits (they hold for every workspace on it). */
    static Calls build(EmbeddingSpec spec, String apiKey, EndpointLimits limits) {
        return switch (spec.kind()) {
            case OPENAI -> {
                EmbeddingModel model = OpenAiEmbeddingModel.builder()
                        .baseUrl(spec.url())
                        .apiKey(apiKey)
                        .modelName(spec.model())
                        .dimensions(spec.dimensions())
                        .timeout(limits.timeout())
                        .maxRetries(0)
                        .maxSegmentsPerBatch(limits.batchSize())
                        .httpClientBuilder(CapturingHttpClient.builder())
                        .build();
                yield new Calls(call(model), call(model), spec.dimension());
            }
            case OLLAMA -> {
                EmbeddingModel model = OllamaEmbeddingModel.builder()
                        .baseUrl(spec.url())
                        .modelName(spec.model())
                        .dimensions(spec.dimensions())
                        .timeout(limits.timeout())
                        .maxRetries(0)
                        .httpClientBuilder(CapturingHttpClient.builder())
                        .build();
                yield new Calls(call(model), call(model), spec.dimension());
            }
            case COHERE -> new Calls(call(cohere(spec, apiKey, limits, "search_document")),
                    call(cohere(spec, apiKey, limits, "search_query")), spec.dimension());
            case LOCAL -> throw new IllegalArgumentException("local models run in process");
        };
    }

    private static EmbeddingModel cohere(EmbeddingSpec spec, String apiKey, EndpointLimits limits, String inputType) {
        return CohereEmbeddingModel.builder()
                .baseUrl(spec.url())
                .apiKey(apiKey)
                .modelName(spec.model())
                .inputType(inputType)
                .timeout(limits.timeout())
                .maxSegmentsPerBatch(limits.batchSize())
                .build();
    }

    private static Function<List<String>, List<float[]>> call(EmbeddingModel model) {
        return texts -> model.embedAll(texts.stream().map(TextSegment::from).toList()).content().stream()
                .map(Embedding::vector).toList();
    }
}
