package io.syncline.embedding;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;

import java.net.URI;
import java.time.Duration;

/**
 * Which model embeds a workspace's chunks, and how its endpoint may be called.
 *
 * @param provider             {@code local} (in-process ONNX), {@code openai} (or any OpenAI-compatible endpoint),
 *                             {@code ollama}, {@code cohere}
 * @param model                the model's name, for example {@code all-minilm-l6-v2-q} or
 *                             {@code text-embedding-3-small}
 * @param baseUrl              the endpoint; null for the provider's own
 * @param dimensions           the vector size to ask for (OpenAI v3 models) or to expect; null for the model's own
 * @param apiKeyEnv            the environment variable that holds the API key (never the key itself)
 * @param apiKeyFile           or a file that holds it, for example a mounted secret
 * @param timeout              of one request, a duration such as "30s" or "500ms"; null for the provider's default
 * @param batchSize            texts per request; null for the provider's default
 * @param maxRequestsPerMinute null for the provider's default; 0 for none
 * @param maxTokensPerMinute   null for the provider's default; 0 for none
 * @param maxConcurrency       requests in flight at once; null for the provider's default
 * @param endpoint             the name of the endpoint an admin defined that {@code baseUrl} and the key's place come
 *                             from (a remote model reached through the API always has one); null for local models.
 *                             A label: it shapes neither vectors nor limits
 */
public record EmbeddingSpec(String provider, String model, String baseUrl, Integer dimensions, String apiKeyEnv,
                            String apiKeyFile, String timeout, Integer batchSize, Integer maxRequestsPerMinute,
                            Integer maxTokensPerMinute, Integer maxConcurrency, String endpoint) {

    public static final String LOCAL = "local";

    /** Chunk size remote models get by default: their windows are large, and retrieval wants smaller pieces. */
    static final int REMOTE_DEFAULT_CHUNK_TOKENS = 509;
    /** The longest wait for one provider request a workspace may set: longer holds a connection for nothing. */
    static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);

    /** A local model, with everything else default. */
    public EmbeddingSpec(String provider, String model) {
        this(provider, model, null, null, null, null, null, null, null, null, null, null);
    }

    public static EmbeddingSpec defaultSpec() {
        return new EmbeddingSpec(LOCAL, LocalModel.DEFAULT.id());
    }

    public ProviderKind kind() {
        return ProviderKind.byName(provider).orElseThrow(() -> new IllegalArgumentException(problem()));
    }

    public boolean runsInProcess() {
        return LOCAL.equals(provider);
    }

    /** The in-process model this spec names (local specs only). */
    public LocalModel localModel() {
        return LocalModel.byId(model).orElseThrow(() -> new IllegalArgumentException(problem()));
    }

    /** Where requests go: {@code baseUrl}, or the provider's own. */
    public String url() {
        return baseUrl != null ? baseUrl : kind().defaultBaseUrl();
    }

    /** The size of the vectors this spec produces. */
    public int dimension() {
        if (runsInProcess()) {
            return localModel().dimension();
        }
        if (dimensions != null) {
            return dimensions;
        }
        return kind().knownDimension(model).orElseThrow(() -> new IllegalArgumentException(problem()));
    }

    /**
     * The identity of the vectors this spec produces: two specs with the same key give the same vector for the
     * same text, so the embedding cache is keyed by it. Limits and keys do not change vectors; endpoint, model and
     * dimensions do.
     */
    public String modelKey() {
        if (runsInProcess()) {
            return provider + ":" + model;
        }
        return provider + ":" + url() + ":" + model + (dimensions == null ? "" : ":" + dimensions);
    }

    /**
     * The endpoint whose limits this spec shares with every workspace that names the same one on a node: provider,
     * URL, model and credentials (providers count limits per key and model).
     */
    public String endpointKey() {
        String key = apiKeyEnv != null ? "env:" + apiKeyEnv : apiKeyFile != null ? "file:" + apiKeyFile : "none";
        return provider + "|" + url() + "|" + model + "|" + key;
    }

    /** This spec's limits: the provider's defaults where it sets none. */
    public EndpointLimits limits() {
        EndpointLimits defaults = kind().defaults();
        return new EndpointLimits(timeout == null ? defaults.timeout() : parseDuration(timeout),
                batchSize == null ? defaults.batchSize() : batchSize,
                maxRequestsPerMinute == null ? defaults.maxRequestsPerMinute() : maxRequestsPerMinute,
                maxTokensPerMinute == null ? defaults.maxTokensPerMinute() : maxTokensPerMinute,
                maxConcurrency == null ? defaults.maxConcurrency() : maxConcurrency);
    }

    /**
     * The tokenizer chunks are counted with: the local model's own, and for remote models the default local model's
     * (a WordPiece count is at least the BPE count of the same English text, so chunks stay within their windows).
     */
    public LocalModel chunkTokenizer() {
        return runsInProcess() ? localModel() : LocalModel.DEFAULT;
    }

    /** The most tokens a chunk may have for this model. */
    public int maxChunkTokens() {
        return runsInProcess() ? localModel().maxChunkTokens() : remoteWindow() - LocalModel.MARKER_TOKENS - 1;
    }

    /** The chunk size a workspace gets for this model when it names none. */
    public int defaultChunkTokens() {
        return runsInProcess() ? maxChunkTokens() : Math.min(REMOTE_DEFAULT_CHUNK_TOKENS, maxChunkTokens());
    }

    private int remoteWindow() {
        return switch (kind()) {
            case OPENAI -> 8192;
            case COHERE, OLLAMA -> 512;
            case LOCAL -> throw new IllegalStateException("local models have their own window");
        };
    }

    /** What is wrong with this spec, or null if nothing is. */
    public String problem() {
        if (ProviderKind.byName(provider).isEmpty()) {
            return "embedding.provider must be one of " + ProviderKind.names() + ", was '" + provider + "'";
        }
        if (runsInProcess()) {
            if (LocalModel.byId(model).isEmpty()) {
                return "embedding.model '" + model + "' is not a local model; choose one of " + LocalModel.knownIds();
            }
            if (endpoint != null || baseUrl != null || dimensions != null || apiKeyEnv != null
                    || apiKeyFile != null) {
                return "embedding.endpoint, baseUrl, dimensions, apiKeyEnv and apiKeyFile are for remote providers,"
                        + " not '" + LOCAL + "'";
            }
            return null;
        }
        ProviderKind kind = kind();
        if (model == null || model.isBlank()) {
            return "embedding.model is required for provider '" + provider + "'";
        }
        if (baseUrl != null && !validUrl(baseUrl)) {
            return "embedding.baseUrl must be an http or https URL, was '" + baseUrl + "'";
        }
        if (dimensions != null && (dimensions < 1 || dimensions > 4096)) {
            return "embedding.dimensions must be between 1 and 4096, was " + dimensions;
        }
        if (dimensions == null && kind.knownDimension(model).isEmpty()) {
            return "embedding.dimensions is required: the vector size of model '" + model + "' is not known";
        }
        if (kind.needsApiKey() && apiKeyEnv == null && apiKeyFile == null) {
            return "embedding.apiKeyEnv (an environment variable of the node) or embedding.apiKeyFile is required "
                    + "for provider '" + provider + "'";
        }
        return limitsProblem();
    }

    private String limitsProblem() {
        if (timeout != null) {
            try {
                Duration parsed = parseDuration(timeout);
                if (parsed.isZero() || parsed.isNegative()) {
                    return "embedding.timeout must be positive, was '" + timeout + "'";
                }
                if (parsed.compareTo(MAX_TIMEOUT) > 0) {
                    return "embedding.timeout must be at most 5m, was '" + timeout + "'";
                }
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }
        if (batchSize != null && (batchSize < 1 || batchSize > 2048)) {
            return "embedding.batchSize must be between 1 and 2048, was " + batchSize;
        }
        if (maxRequestsPerMinute != null && maxRequestsPerMinute < 0) {
            return "embedding.maxRequestsPerMinute must be 0 (no limit) or more, was " + maxRequestsPerMinute;
        }
        if (maxTokensPerMinute != null && maxTokensPerMinute < 0) {
            return "embedding.maxTokensPerMinute must be 0 (no limit) or more, was " + maxTokensPerMinute;
        }
        if (maxConcurrency != null && (maxConcurrency < 1 || maxConcurrency > 64)) {
            return "embedding.maxConcurrency must be between 1 and 64, was " + maxConcurrency;
        }
        return null;
    }

    static boolean validUrl(String url) {
        try {
            URI uri = URI.create(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A duration as the API writes them: "30s", "500ms", "2m". */
    static Duration parseDuration(String value) {
        try {
            return ConfigFactory.parseString("d = \"" + value.replace("\"", "") + "\"").getDuration("d");
        } catch (ConfigException e) {
            throw new IllegalArgumentException("embedding.timeout must be a duration such as \"30s\" or \"500ms\","
                    + " was '" + value + "'");
        }
    }
}
