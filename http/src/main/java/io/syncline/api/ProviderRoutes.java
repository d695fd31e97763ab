package io.syncline.api;

import io.syncline.auth.Caller;
import io.syncline.embedding.Embedders;
import io.syncline.embedding.remote.ProviderStatus;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

import java.util.List;

/**
 * {@code GET /v1/providers}: the remote embedding endpoints this node has used, with their circuit, their recent
 * rates and their last error. A provider in trouble shows here and in its jobs' status; it does not make the node
 * unready.
 */
final class ProviderRoutes extends AllDirectives {

    private final Embedders embedders;

    ProviderRoutes(Embedders embedders) {
        this.embedders = embedders;
    }

    record Providers(List<ProviderStatus> providers) {
    }

    /** The endpoints are shared by workspaces of every scope, so only a key of every workspace sees them. */
    Route route(Caller caller) {
        return path("providers", () -> get(() -> {
            if (!caller.allWorkspaces()) {
                throw ApiException.forbidden("key '" + caller.keyId() + "' reaches only some workspaces; the"
                        + " provider list covers all of them; see a job's 'trouble' for its own provider");
            }
            return complete(StatusCodes.OK, new Providers(embedders.providerStatuses()), JsonMarshalling.json());
        }));
    }
}
