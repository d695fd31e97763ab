package io.syncline.providers;

import io.syncline.embedding.remote.EndpointState;
import io.syncline.serialization.CborSerializable;

import java.time.Instant;

/**
 * What one node tells the others of an endpoint it uses (its circuit, the provider's Retry-After), published on the
 * cluster's provider topic. A message between nodes, with a shape of its own: the governors' {@link EndpointState}
 * is translated at the edge.
 *
 * @param node        the reporting node, host:port
 * @param pausedUntil when the provider's Retry-After ends, or null
 */
public record EndpointReport(String node, String endpoint, String kind, String baseUrl, String model,
                             String circuit, Instant pausedUntil) implements CborSerializable {

    static EndpointReport of(String node, EndpointState state) {
        return new EndpointReport(node, state.endpoint(), state.kind(), state.baseUrl(), state.model(),
                state.circuit(), state.pausedUntil());
    }

    EndpointState toState() {
        return new EndpointState(endpoint, kind, baseUrl, model, circuit, pausedUntil);
    }
}
