package io.syncline.embedding.remote;

import io.syncline.embedding.Embedder;
import io.syncline.embedding.EmbeddingSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The remote endpoints of this node, one governor each, created when a workspace first uses them and shared by all
 * that use the same one (same provider, URL, model and key). The first workspace's limits are the endpoint's; a
 * later one that asks for others is told in the log.
 *
 * <p>It is also where the cluster meets the governors: the node's {@link ClusterShare} of every limit, the
 * {@link EndpointState}s other nodes report (their Retry-After pauses, their open circuits), and a hook that hears
 * of each pause and circuit change here, to tell the other nodes. Reports from other nodes expire after
 * {@code syncline.providers.cluster.report-ttl}, so a node that stops reporting stops holding the others back.
 */
public final class ProviderEndpoints {

    private static final Logger log = LoggerFactory.getLogger(ProviderEndpoints.class);

    private final ProviderRuntime runtime;
    private final Map<String, String> environment;
    private final Map<String, ProviderEndpoint> endpoints = new ConcurrentHashMap<>();
    /** The calls of each distinct request shape (an endpoint and the vectors' size) that a workspace uses. */
    private final Map<String, ProviderModels.Calls> calls = new ConcurrentHashMap<>();
    private final PeerReports peers;
    private volatile ClusterShare share = ClusterShare.ALONE;
    private volatile Consumer<EndpointState> announce = state -> { };

    public ProviderEndpoints(ProviderRuntime runtime, Map<String, String> environment) {
        this.runtime = runtime;
        this.environment = environment;
        this.peers = new PeerReports(runtime.settings().peerReportTtl());
    }

    /** This node's share of every endpoint's limits from now on (the cluster's membership changed). */
    public void share(ClusterShare next) {
        share = next;
        endpoints.values().forEach(endpoint -> {
            endpoint.share(next);
            if (endpoint.limits().maxConcurrency() < next.nodes()) {
                log.warn("embedding endpoint {}: maxConcurrency {} is below the {} nodes sharing it; each node keeps "
                        + "one request in flight", endpoint.id(), endpoint.limits().maxConcurrency(), next.nodes());
            }
        });
    }

    /** Who hears of a pause or a circuit change of an endpoint of this node (the cluster, to tell the others). */
    public void announceTo(Consumer<EndpointState> listener) {
        announce = listener;
    }

    /** What this node knows of each endpoint it uses, for the other nodes. */
    public List<EndpointState> states() {
        return endpoints.values().stream().map(ProviderEndpoint::state).toList();
    }

    /** What another node reports of an endpoint: its pause holds here too, its open circuit keeps this node off. */
    public void reported(String node, EndpointState state) {
        peers.put(node, state, runtime.nanoTime());
        ProviderEndpoint endpoint = endpoints.get(state.endpoint());
        if (endpoint != null) {
            if (state.pausedUntil() != null) {
                endpoint.peerPaused(state.pausedUntil());
            }
            applyPeers(endpoint);
        }
    }

    /** The embedder of a remote spec; throws IllegalArgumentException when its key cannot be read. */
    public Embedder embedder(EmbeddingSpec spec) {
        ProviderEndpoint endpoint = endpoints.computeIfAbsent(spec.endpointKey(), key -> create(spec));
        if (!endpoint.limits().equals(spec.limits())) {
            log.warn("embedding endpoint {} keeps the limits it was created with ({}); a workspace asks for {}",
                    endpoint.id(), endpoint.limits(), spec.limits());
        }
        // What a request carries (the vectors' size) is the workspace's own; the limits are the endpoint's.
        ProviderModels.Calls workspaceCalls = calls.computeIfAbsent(spec.endpointKey() + "|" + spec.modelKey(),
                key -> ProviderModels.build(spec, ApiKeys.resolve(spec, environment), endpoint.limits()));
        return new RemoteEmbedder(spec, endpoint, workspaceCalls);
    }

    /** Checks that a spec can be used on this node (its key is readable), without calling the provider. */
    public void check(EmbeddingSpec spec) {
        ApiKeys.resolve(spec, environment);
    }

    public Optional<ProviderEndpoint> endpoint(EmbeddingSpec spec) {
        return Optional.ofNullable(endpoints.get(spec.endpointKey()));
    }

    /** Every endpoint this node uses, and those only other nodes report, by id. */
    public List<ProviderStatus> statuses() {
        long now = runtime.nanoTime();
        List<ProviderStatus> all = new ArrayList<>();
        // each endpoint was told of its peers' trouble as it was reported, with when that stops counting
        endpoints.values().forEach(endpoint -> all.add(endpoint.status()));
        peers.latest(now).forEach((id, state) -> {
            if (!endpoints.containsKey(id)) {
                all.add(ProviderStatus.reported(state, peers.troubledNodes(id, now)));
            }
        });
        all.sort(Comparator.comparing(ProviderStatus::id));
        return all;
    }

    private void applyPeers(ProviderEndpoint endpoint) {
        long now = runtime.nanoTime();
        endpoint.peersTroubled(peers.troubledNodes(endpoint.id(), now), peers.troubledFor(endpoint.id(), now));
    }

    private ProviderEndpoint create(EmbeddingSpec spec) {
        ApiKeys.resolve(spec, environment); // an endpoint whose key this node cannot read is refused here
        String id = spec.endpointKey();
        log.info("embedding endpoint {}: limits {}", id, spec.limits());
        ProviderEndpoint endpoint = new ProviderEndpoint(id, new ProviderEndpoint.EndpointInfo(spec.provider(),
                spec.url(), spec.model()), spec.limits(), runtime, state -> announce.accept(state));
        endpoint.share(share);
        Instant paused = peers.pausedUntil(id, runtime.nanoTime());
        if (paused != null) {
            endpoint.peerPaused(paused);
        }
        applyPeers(endpoint);
        return endpoint;
    }
}
