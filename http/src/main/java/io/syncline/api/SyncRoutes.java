package io.syncline.api;

import io.syncline.auth.Caller;
import io.syncline.auth.Role;
import io.syncline.embedding.Embedders;
import io.syncline.sync.SyncMode;
import io.syncline.workspace.WorkspaceView;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.Location;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code POST /v1/workspaces/{ws}/syncs} (a job is queued, 202) and {@code GET /v1/workspaces/{ws}/syncs/{job}}.
 * A ref is checked against the source before the job is queued.
 */
final class SyncRoutes extends AllDirectives {

    private final Workspaces workspaces;
    private final SourceValidation validation;
    private final Embedders embedders;

    SyncRoutes(Workspaces workspaces, SourceValidation validation, Embedders embedders) {
        this.workspaces = workspaces;
        this.validation = validation;
        this.embedders = embedders;
    }

    Route route(Caller caller) {
        return pathPrefix(PathMatchers.segment("workspaces").slash(PathMatchers.segment()).slash("syncs"),
                workspace -> concat(
                        pathEndOrSingleSlash(() -> post(() -> {
                            Access.toWorkspace(caller, workspace, Role.EDITOR, "starting a sync");
                            return JsonRequest.body(body -> request(workspace, body));
                        })),
                        path(PathMatchers.segment(), job -> get(() -> {
                            Access.toWorkspace(caller, workspace, Role.READER, "reading a job");
                            return job(workspace, job);
                        }))));
    }

    private Route job(String workspace, String job) {
        return onSuccess(workspaces.job(workspace, job), view -> onSuccess(workspaces.get(workspace),
                ws -> complete(StatusCodes.OK, JobJson.of(view, "running".equals(view.state())
                                ? embedders.trouble(ws.settings().toConfig().embedding()).orElse(null) : null),
                        JsonMarshalling.json())));
    }

    private Route request(String workspace, String body) {
        SyncBody request = JsonBody.parse(body, SyncBody.class);
        String source = Require.present(request.source(), "source");
        var mode = request.syncMode();
        Require.that(mode != SyncMode.RETRY,
                "field 'mode' must be 'incremental' or 'full'; retries go through POST .../dead-letters/retry");
        return onSuccess(workspaces.serving(workspace), view -> {
            WorkspaceView.Source known = view.sources().stream().filter(s -> s.spec().id().equals(source))
                    .findFirst().orElseThrow(() -> ApiException.notFound("source '" + source
                            + "' does not exist in workspace '" + workspace + "'"));
            return onSuccess(validation.ref(known.spec().toSpec(), request.ref()), valid ->
                    onSuccess(workspaces.requestSync(workspace, source, mode, request.ref()), job ->
                            respondWithHeader(Location.create("/v1/workspaces/" + workspace + "/syncs/" + job.job()),
                                    () -> complete(StatusCodes.ACCEPTED, JobJson.of(job), JsonMarshalling.json()))));
        });
    }
}
