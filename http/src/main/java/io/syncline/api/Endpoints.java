package io.syncline.api;

import io.syncline.embedding.NamedEndpoint;
import io.syncline.store.EndpointStore;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The endpoints admins defined, read from Cassandra whenever a workspace names one (rarely: when it is created or
 * its config changes), so every node sees a change at once. The definition's values are copied into the workspace's
 * config, which the journal keeps: changing or deleting an endpoint later does not change workspaces made with it.
 */
public final class Endpoints {

    private final EndpointStore store;

    public Endpoints(EndpointStore store) {
        this.store = store;
    }

    CompletionStage<Optional<NamedEndpoint>> get(Optional<String> name) {
        if (name.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return store.get(name.get()).thenApply(row -> row.map(NamedEndpoint::of));
    }

    EndpointStore store() {
        return store;
    }
}
