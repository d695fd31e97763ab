package io.syncline.api;

import io.syncline.auth.Caller;
import io.syncline.embedding.Embedders;
import io.syncline.embedding.EmbeddingSpec;
import io.syncline.embedding.NamedEndpoint;
import io.syncline.store.EndpointStore;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code PUT /v1/endpoints/{name}}, {@code GET /v1/endpoints} and {@code DELETE /v1/endpoints/{name}}: the remote
 * embedding endpoints workspaces may name. Defining one needs an admin key of every workspace, since it decides where
 * the nodes send text and which of their environment variables or files they read; any key may list the names, kinds
 * and models, and only such an admin sees where an endpoint is and where its key lives.
 */
final class EndpointRoutes extends AllDirectives {

    private final Endpoints endpoints;
    private final Embedders embedders;
    private final Audit audit;

    EndpointRoutes(Endpoints endpoints, Embedders embedders, Audit audit) {
        this.endpoints = endpoints;
        this.embedders = embedders;
        this.audit = audit;
    }

    /** An endpoint as the list shows it; {@code baseUrl}, {@code apiKeyEnv} and {@code apiKeyFile} for admins only. */
    record EndpointJson(String name, String kind, Map<String, List<Integer>> models, String baseUrl,
                        String apiKeyEnv, String apiKeyFile, Instant updatedAt, String updatedBy) {
    }

    record EndpointsJson(List<EndpointJson> endpoints) {
    }

    Route route(Caller caller) {
        return pathPrefix("endpoints", () -> concat(
                pathEndOrSingleSlash(() -> get(() -> onSuccess(endpoints.store().list(), rows -> complete(
                        StatusCodes.OK, new EndpointsJson(rows.stream()
                                .sorted(Comparator.comparing(EndpointStore.Stored::name))
                                .map(row -> json(row, Access.seesEndpointPlaces(caller))).toList()),
                        JsonMarshalling.json())))),
                path(PathMatchers.segment(), name -> concat(
                        put(() -> audit.audited(caller, "endpoint.define", name, () -> {
                            Access.requireAllWorkspacesAdmin(caller, "defining an endpoint");
                            Require.id(name, "name");
                            return JsonRequest.body(body -> define(caller, name, body));
                        })),
                        delete(() -> audit.audited(caller, "endpoint.delete", name, () -> {
                            Access.requireAllWorkspacesAdmin(caller, "deleting an endpoint");
                            return onSuccess(endpoints.store().delete(name), existed -> {
                                if (!existed) {
                                    throw ApiException.notFound("endpoint '" + name + "' does not exist");
                                }
                                return complete(StatusCodes.OK, Map.of("deleted", name, "note", "workspaces made"
                                        + " with it keep its settings until their config changes"),
                                        JsonMarshalling.json());
                            });
                        }))))));
    }

    private Route define(Caller caller, String name, String body) {
        NamedEndpoint endpoint = JsonBody.parse(body, NamedEndpoint.class);
        String problem = endpoint.problem();
        if (problem != null) {
            throw ApiException.invalid(problem);
        }
        // The key must be readable on this node now, so that a mistyped variable shows here, not in a failed job.
        String model = endpoint.models().keySet().iterator().next();
        try {
            embedders.check(new EmbeddingSpec(endpoint.kind(), model, endpoint.baseUrl(),
                    endpoint.models().get(model).get(0), endpoint.apiKeyEnv(), endpoint.apiKeyFile(), null, null,
                    null, null, null, name));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw ApiException.invalid(e.getMessage());
        }
        EndpointStore.Stored row = new EndpointStore.Stored(name, endpoint.toJson(), Instant.now(),
                caller.keyId());
        return onSuccess(endpoints.store().put(row), done ->
                complete(StatusCodes.OK, json(row, true), JsonMarshalling.json()));
    }

    private static EndpointJson json(EndpointStore.Stored row, boolean full) {
        NamedEndpoint endpoint = NamedEndpoint.of(row);
        return new EndpointJson(row.name(), endpoint.kind(), endpoint.models(), full ? endpoint.baseUrl() : null,
                full ? endpoint.apiKeyEnv() : null, full ? endpoint.apiKeyFile() : null, row.updatedAt(),
                row.updatedBy());
    }
}
