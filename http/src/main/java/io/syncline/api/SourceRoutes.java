package io.syncline.api;

import io.syncline.auth.Caller;
import io.syncline.auth.Role;
import io.syncline.source.SourceSpec;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

import java.util.Map;

/**
 * {@code POST /v1/workspaces/{ws}/sources} and {@code DELETE /v1/workspaces/{ws}/sources/{id}}. A source is
 * checked (its directory or repository exists, its remote answers) before it is recorded.
 */
final class SourceRoutes extends AllDirectives {

    private final Workspaces workspaces;
    private final SourceValidation validation;

    SourceRoutes(Workspaces workspaces, SourceValidation validation) {
        this.workspaces = workspaces;
        this.validation = validation;
    }

    Route route(Caller caller) {
        return pathPrefix(PathMatchers.segment("workspaces").slash(PathMatchers.segment()).slash("sources"),
                workspace -> concat(
                        pathEndOrSingleSlash(() -> post(() -> {
                            Access.toWorkspace(caller, workspace, Role.EDITOR, "adding a source");
                            return JsonRequest.body(body -> add(caller, workspace, body));
                        })),
                        path(PathMatchers.segment(), source -> delete(() -> {
                            Access.toWorkspace(caller, workspace, Role.EDITOR, "removing a source");
                            return remove(workspace, source);
                        }))));
    }

    private Route add(Caller caller, String workspace, String body) {
        SourceSpec spec = JsonBody.parse(body, SourceBody.class).toSpec(validation.maxFileBytes());
        // The workspace is asked first, so that an unknown workspace is a 404 even for a source that cannot work.
        return onSuccess(workspaces.serving(workspace), current -> onSuccess(validation.source(spec), valid ->
                onSuccess(workspaces.addSource(workspace, spec), view -> respondWithHeader(
                        org.apache.pekko.http.javadsl.model.headers.Location.create(
                                "/v1/workspaces/" + workspace + "/sources/" + spec.id()),
                        () -> complete(StatusCodes.CREATED, WorkspaceJson.of(view, caller), JsonMarshalling.json())))));
    }

    private Route remove(String workspace, String source) {
        return onSuccess(workspaces.removeSource(workspace, source), done -> complete(StatusCodes.ACCEPTED,
                Map.of("source", source, "removal", "started: its documents and vectors are being deleted; "
                        + "GET /v1/workspaces/" + workspace + " lists it under removingSources until done"),
                JsonMarshalling.json()));
    }
}
