package io.syncline.embedding;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * The kinds of embedding provider, with what each needs and the defaults that fit its published limits: OpenAI's
 * first usage tier for its embedding models (3,000 requests and 1,000,000 tokens a minute, up to 2,048 inputs a
 * request), Cohere's trial keys for embed (100 calls a minute, 96 texts a call), an Ollama server on the same
 * machine (no limit but its cores). A workspace may set lower or higher values for its endpoint.
 */
public enum ProviderKind {
    LOCAL("local", null, false, new EndpointLimits(Duration.ZERO, 32, 0, 0, 2), Map.of()),
    OPENAI("openai", "https://api.openai.com/v1", true, new EndpointLimits(Duration.ofSeconds(30), 128, 3000, 1_000_000, 4),
            Map.of("text-embedding-3-small", 1536, "text-embedding-3-large", 3072, "text-embedding-ada-002", 1536)),
    OLLAMA("ollama", "http://localhost:11434", false, new EndpointLimits(Duration.ofSeconds(60), 32, 0, 0, 2),
            Map.of("nomic-embed-text", 768, "mxbai-embed-large", 1024, "all-minilm", 384,
                    "snowflake-arctic-embed", 1024)),
    COHERE("cohere", "https://api.cohere.ai/v1/", true, new EndpointLimits(Duration.ofSeconds(30), 96, 100, 0, 2),
            Map.of("embed-english-v3.0", 1024, "embed-multilingual-v3.0", 1024, "embed-english-light-v3.0", 384,
                    "embed-multilingual-light-v3.0", 384));

    private final String json;
    private final String defaultBaseUrl;
    private final boolean needsApiKey;
    private final EndpointLimits defaults;
    private final Map<String, Integer> knownDimensions;

    ProviderKind(String json, String defaultBaseUrl, boolean needsApiKey, EndpointLimits defaults,
                 Map<String, Integer> knownDimensions) {
        this.json = json;
        this.defaultBaseUrl = defaultBaseUrl;
        this.needsApiKey = needsApiKey;
        this.defaults = defaults;
        this.knownDimensions = knownDimensions;
    }

    /** The name in the API and in workspace configs. */
    public String json() {
        return json;
    }

    public String defaultBaseUrl() {
        return defaultBaseUrl;
    }

    public boolean needsApiKey() {
        return needsApiKey;
    }

    public EndpointLimits defaults() {
        return defaults;
    }

    /** The vector size of a model this provider is known to serve, if it is known. */
    public Optional<Integer> knownDimension(String model) {
        return Optional.ofNullable(knownDimensions.get(model));
    }

    public static Optional<ProviderKind> byName(String name) {
        return Arrays.stream(values()).filter(k -> k.json.equals(name)).findFirst();
    }

    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(ProviderKind::json).toList());
    }
}
