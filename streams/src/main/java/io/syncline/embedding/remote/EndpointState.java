package io.syncline.embedding.remote;

import java.time.Instant;

/**
 * What one node knows of an endpoint and tells the others: whether its circuit is open and until when the provider
 * asked it to wait. Other nodes then wait out the same Retry-After and leave an open endpoint alone while the node
 * that opened its circuit probes it.
 *
 * @param endpoint    the endpoint's id (provider, URL, model, key reference)
 * @param circuit     closed, half-open or open
 * @param pausedUntil the end of the provider's Retry-After, or null
 */
public record EndpointState(String endpoint, String kind, String baseUrl, String model, String circuit,
                            Instant pausedUntil) {

    public boolean troubled() {
        return !ProviderEndpoint.CLOSED.equals(circuit);
    }
}
