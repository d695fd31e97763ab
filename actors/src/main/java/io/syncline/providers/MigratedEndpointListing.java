package io.syncline.providers;

import io.syncline.embedding.EmbeddingSpec;
import io.syncline.embedding.NamedEndpoint;
import io.syncline.store.EndpointStore;
import org.apache.pekko.Done;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Lists the endpoint a workspace of 0.1 gave itself among the endpoints admins define ({@code provider_endpoints}),
 * under its migrated name ({@link io.syncline.workspace.journal.MigratedEndpoints}) and with the model and vector
 * size the workspace uses, so that {@code GET /v1/endpoints} shows where the nodes send that workspace's text and a
 * config change can name it. Every workspace of the same endpoint adds its model to the one row; a row of that name
 * an admin has (re)defined since is left as it is. Called at every start of such a workspace's entity, so it must
 * change nothing the second time.
 */
public final class MigratedEndpointListing {

    /** What {@code updatedBy} of a listed row says, where an admin's row has the key's id. */
    public static final String LISTED_BY = "migration";
    /** Concurrent changes of one row survived: as many as workspaces of one endpoint that start at once. */
    private static final int ATTEMPTS = 8;

    private final EndpointStore store;

    public MigratedEndpointListing(EndpointStore store) {
        this.store = store;
    }

    public CompletionStage<Done> list(String name, EmbeddingSpec spec) {
        int dimension;
        try {
            dimension = spec.dimension();
        } catch (IllegalArgumentException e) { // a config 0.1 took that names no size this release knows
            return CompletableFuture.failedFuture(e);
        }
        return attempt(name, spec.model(), dimension, new NamedEndpoint(spec.provider(), spec.baseUrl(),
                spec.apiKeyEnv(), spec.apiKeyFile(), Map.of(spec.model(), List.of(dimension))), ATTEMPTS);
    }

    private CompletionStage<Done> attempt(String name, String model, int dimension, NamedEndpoint own, int left) {
        return store.get(name).thenCompose(row -> {
            if (row.isEmpty()) {
                return store.putIfAbsent(new EndpointStore.Stored(name, own.toJson(), Instant.now(), LISTED_BY))
                        .thenCompose(written -> written ? done() : again(name, model, dimension, own, left));
            }
            EndpointStore.Stored stored = row.get();
            NamedEndpoint listed = NamedEndpoint.of(stored);
            if (!LISTED_BY.equals(stored.updatedBy()) || listed.serves(model, dimension)) {
                return done();
            }
            return store.replace(new EndpointStore.Stored(name, listed.serving(model, dimension).toJson(),
                            Instant.now(), LISTED_BY), stored.definition())
                    .thenCompose(replaced -> replaced ? done() : again(name, model, dimension, own, left));
        });
    }

    private CompletionStage<Done> again(String name, String model, int dimension, NamedEndpoint own, int left) {
        if (left <= 1) {
            return CompletableFuture.failedFuture(new IllegalStateException("endpoint '" + name + "' changed "
                    + ATTEMPTS + " times while it was being listed"));
        }
        return attempt(name, model, dimension, own, left - 1);
    }

    private static CompletionStage<Done> done() {
        return CompletableFuture.completedFuture(Done.getInstance());
    }
}
