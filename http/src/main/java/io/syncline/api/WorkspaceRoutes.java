package io.syncline.api;

import io.syncline.auth.Caller;
import io.syncline.auth.Role;
import io.syncline.embedding.Embedders;
import io.syncline.store.KeyWorkspaces;
import io.syncline.sync.IndexConfig;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.Location;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

import java.util.Optional;

/**
 * {@code POST /v1/workspaces}, {@code GET} and {@code DELETE /v1/workspaces/{ws}}, and
 * {@code PUT /v1/workspaces/{ws}/config}.
 */
final class WorkspaceRoutes extends AllDirectives {

    private final Workspaces workspaces;
    private final Embedders embedders;
    private final Endpoints endpoints;
    private final Audit audit;
    private final KeyWorkspaces keyWorkspaces;
    private final int maxWorkspacesPerKey;

    WorkspaceRoutes(Workspaces workspaces, Embedders embedders, Endpoints endpoints, Audit audit,
                    KeyWorkspaces keyWorkspaces, int maxWorkspacesPerKey) {
        this.workspaces = workspaces;
        this.embedders = embedders;
        this.endpoints = endpoints;
        this.audit = audit;
        this.keyWorkspaces = keyWorkspaces;
        this.maxWorkspacesPerKey = maxWorkspacesPerKey;
    }

    Route route(Caller caller) {
        return pathPrefix("workspaces", () -> concat(
                pathEndOrSingleSlash(() -> post(() -> JsonRequest.body(body -> create(caller, body)))),
                pathPrefix(PathMatchers.segment(), workspace -> concat(
                        pathEndOrSingleSlash(() -> get(() -> {
                            Access.toWorkspace(caller, workspace, Role.READER, "reading a workspace");
                            return onSuccess(workspaces.get(workspace), view -> complete(StatusCodes.OK,
                                    WorkspaceJson.of(view, caller), JsonMarshalling.json()));
                        })),
                        pathEndOrSingleSlash(() -> delete(() -> audit.audited(caller, "workspace.delete", workspace,
                                () -> delete(caller, workspace)))),
                        path("config", () -> put(() -> audit.audited(caller, "workspace.config", workspace, () -> {
                            Access.toWorkspace(caller, workspace, Role.EDITOR, "changing a workspace's config");
                            return JsonRequest.body(body -> changeConfig(caller, workspace, body));
                        })))))));
    }

    private Route create(Caller caller, String body) {
        CreateWorkspaceBody request = JsonBody.parse(body, CreateWorkspaceBody.class);
        String id = Require.id(request.id(), "id");
        return audit.audited(caller, "workspace.create", id, () -> create(caller, id, request));
    }

    private Route create(Caller caller, String id, CreateWorkspaceBody request) {
        Access.require(caller, Role.ADMIN, "creating a workspace");
        if (!caller.reaches(id)) {
            throw ApiException.forbidden("key '" + caller.keyId() + "' reaches only some workspaces, and '" + id
                    + "' is not one of them");
        }
        ConfigBody body = request.config();
        IndexConfig config = body.endpointName().isEmpty() ? usable(body.toConfig(Optional.empty())) : null;
        return onSuccess(keyWorkspaces.count(caller.keyId()), made -> {
            // Checked before each create: creates of one key in flight at once can pass it by their number.
            if (made >= maxWorkspacesPerKey) {
                throw ApiException.conflict("key '" + caller.keyId() + "' has created " + made + " workspaces, the"
                        + " most a key may (syncline.auth.max-workspaces-per-key)");
            }
            return onSuccess(endpoints.get(body.endpointName()), endpoint -> {
                IndexConfig resolved = config != null ? config : usable(body.toConfig(endpoint));
                return onSuccess(workspaces.create(id, resolved), view ->
                        onSuccess(keyWorkspaces.add(caller.keyId(), id), recorded -> respondWithHeader(
                                Location.create("/v1/workspaces/" + id),
                                () -> complete(StatusCodes.CREATED, WorkspaceJson.of(view, caller),
                                        JsonMarshalling.json()))));
            });
        });
    }

    /**
     * 202: the workspace refuses everything but reads at once, and is gone (GET answers 404) once its rows,
     * dead letters, mirrors and journal are. It no longer counts against the quota of the key that made it.
     */
    private Route delete(Caller caller, String workspace) {
        Access.toWorkspace(caller, workspace, Role.ADMIN, "deleting a workspace");
        return onSuccess(workspaces.delete(workspace), view -> onSuccess(keyWorkspaces.remove(workspace),
                removed -> complete(StatusCodes.ACCEPTED, WorkspaceJson.of(view, caller), JsonMarshalling.json())));
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

    private Route changeConfig(Caller caller, String workspace, String body) {
        ConfigBody request = JsonBody.parse(body, ConfigBody.class);
        return onSuccess(workspaces.serving(workspace), current ->
                onSuccess(endpoints.get(request.endpointName()), endpoint -> {
                    var config = usable(request.applyTo(current.settings().toConfig(), endpoint));
                    return onSuccess(workspaces.changeConfig(workspace, config),
                            view -> complete(StatusCodes.OK, WorkspaceJson.of(view, caller), JsonMarshalling.json()));
                }));
    }
}
