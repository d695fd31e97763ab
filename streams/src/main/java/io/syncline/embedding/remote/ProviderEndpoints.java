package io.syncline.embedding.remote;

import io.syncline.embedding.Embedder;
import io.syncline.embedding.EmbeddingSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The remote endpoints of this node, one governor each, created when a workspace first uses them and shared by all
 * that use the same one (same provider, URL, model and key). The first workspace's limits are the endpoint's; a
 * later one that asks for others is told in the log.
 */
public final class ProviderEndpoints {

    private static final Logger log = LoggerFactory.getLogger(ProviderEndpoints.class);

    private final ProviderRuntime runtime;
    private final Map<String, String> environment;
    private final Map<String, ProviderEndpoint> endpoints = new ConcurrentHashMap<>();

    public ProviderEndpoints(ProviderRuntime runtime, Map<String, String> environment) {
        this.runtime = runtime;
        this.environment = environment;
    }

    /** The embedder of a remote spec; throws IllegalArgumentException when its key cannot be read. */
    public Embedder embedder(EmbeddingSpec spec) {
        ProviderEndpoint endpoint = endpoints.computeIfAbsent(spec.endpointKey(), key -> create(spec));
        if (!endpoint.limits().equals(spec.limits())) {
            log.warn("embedding endpoint {} keeps the limits it was created with ({}); a workspace asks for {}",
                    endpoint.id(), endpoint.limits(), spec.limits());
        }
        return new RemoteEmbedder(spec, endpoint);
    }

    /** Checks that a spec can be used on this node (its key is readable), without calling the provider. */
    public void check(EmbeddingSpec spec) {
        ApiKeys.resolve(spec, environment);
    }

    public Optional<ProviderEndpoint> endpoint(EmbeddingSpec spec) {
        return Optional.ofNullable(endpoints.get(spec.endpointKey()));
    }

    public List<ProviderStatus> statuses() {
        return endpoints.values().stream().map(ProviderEndpoint::status)
                .sorted(Comparator.comparing(ProviderStatus::id)).toList();
    }

    private ProviderEndpoint create(EmbeddingSpec spec) {
        ProviderModels.Calls calls = ProviderModels.build(spec, ApiKeys.resolve(spec, environment));
        String id = spec.endpointKey();
        log.info("embedding endpoint {}: limits {}", id, spec.limits());
        return new ProviderEndpoint(id, new ProviderEndpoint.EndpointInfo(spec.provider(), spec.endpoint(),
                spec.model()), spec.limits(), spec.dimension(), calls.documents(), calls.queries(), runtime);
    }
}
