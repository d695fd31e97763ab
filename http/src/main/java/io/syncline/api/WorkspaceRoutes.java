package io.syncline.api;

import io.syncline.embedding.Embedders;
import io.syncline.sync.IndexConfig;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * {@code POST /v1/workspaces}, {@code GET /v1/workspaces/{ws}} and {@code PUT /v1/workspaces/{ws}/config}.
 */
final class WorkspaceRoutes extends AllDirectives {

    private final Workspaces workspaces;
    private final Embedders embedders;

    WorkspaceRoutes(Workspaces workspaces, Embedders embedders) {
        this.workspaces = workspaces;
        this.embedders = embedders;
    }

    Route route() {
        return pathPrefix(PathMatchers.segment("v1").slash("workspaces"), () -> concat(
                pathEndOrSingleSlash(() -> post(() -> entity(Unmarshaller.entityToString(), this::create))),
                pathPrefix(PathMatchers.segment(), workspace -> concat(
                        pathEndOrSingleSlash(() -> get(() -> onSuccess(workspaces.get(workspace),
                                view -> complete(StatusCodes.OK, WorkspaceJson.of(view), JsonMarshalling.json())))),
                        path("config", () -> put(() -> entity(Unmarshaller.entityToString(),
                                body -> changeConfig(workspace, body))))))));
    }

    private Route create(String body) {
        CreateWorkspaceBody request = JsonBody.parse(body, CreateWorkspaceBody.class);
        String id = Require.id(request.id(), "id");
        var config = usable(request.config().toConfig());
        return onSuccess(workspaces.create(id, config), view -> respondWithHeader(
                org.apache.pekko.http.javadsl.model.headers.Location.create("/v1/workspaces/" + id),
                () -> complete(StatusCodes.CREATED, WorkspaceJson.of(view), JsonMarshalling.json())));
    }

    /** A config this node can run: a remote provider's key must be readable here (the provider is not called). */
    private IndexConfig usable(IndexConfig config) {
        try {
            embedders.check(config.embedding());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw ApiException.invalid(e.getMessage());
        }
        return config;
    }

    private Route changeConfig(String workspace, String body) {
        ConfigBody request = JsonBody.parse(body, ConfigBody.class);
        return onSuccess(workspaces.get(workspace), current -> {
            var config = usable(request.applyTo(current.settings().toConfig()));
            return onSuccess(workspaces.changeConfig(workspace, config),
                    view -> complete(StatusCodes.OK, WorkspaceJson.of(view), JsonMarshalling.json()));
        });
    }
}
