package io.syncline.api;

import io.syncline.auth.Caller;
import io.syncline.auth.Role;
import io.syncline.search.SearchRequest;
import io.syncline.search.SearchService;
import io.syncline.store.SearchHit;
import io.syncline.sync.IndexConfig;
import io.syncline.workspace.WorkspaceView;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /v1/workspaces/{ws}/search}: the k chunks nearest to the query in the workspace's active index
 * generation, which is always complete: after a config change searches keep reading the old generation until the
 * new one holds every source.
 */
final class SearchRoutes extends AllDirectives {

    private final Workspaces workspaces;
    private final SearchService search;

    SearchRoutes(Workspaces workspaces, SearchService search) {
        this.workspaces = workspaces;
        this.search = search;
    }

    record Result(String source, String path, int ordinal, float score, String text, String revision) {
    }

    /** @param configHash the index generation that answered */
    record Response(List<Result> results, long tookMs, String configHash) {
    }

    Route route(Caller caller) {
        return path(PathMatchers.segment("workspaces").slash(PathMatchers.segment()).slash("search"),
                workspace -> post(() -> {
                    Access.toWorkspace(caller, workspace, Role.READER, "searching");
                    return JsonRequest.body(body -> search(workspace, body));
                }));
    }

    private Route search(String workspace, String body) {
        long started = System.nanoTime();
        SearchBody request = JsonBody.parse(body, SearchBody.class);
        String query = request.text();
        int k = request.limit();
        SearchBody.Filter filter = request.filter();
        return onSuccess(workspaces.serving(workspace), view -> {
            String source = filter == null ? null : filter.source();
            if (source != null && view.sources().stream().noneMatch(s -> s.spec().id().equals(source))) {
                throw ApiException.notFound("source '" + source + "' does not exist in workspace '" + workspace
                        + "'");
            }
            IndexConfig active = activeConfig(view);
            SearchRequest searchRequest = new SearchRequest(workspace, active, query, k, source,
                    filter == null ? null : filter.pathPrefix(), hidden(view));
            return onSuccess(search.search(searchRequest), hits -> complete(StatusCodes.OK,
                    new Response(hits.stream().map(SearchRoutes::result).toList(),
                            (System.nanoTime() - started) / 1_000_000, active.generation()),
                    JsonMarshalling.json()));
        });
    }

    /** The config of the active generation: while a new one is built, the previous config. */
    private static IndexConfig activeConfig(WorkspaceView view) {
        return view.index().activeConfig().toConfig();
    }

    private static Set<String> hidden(WorkspaceView view) {
        return new HashSet<>(view.removingSources());
    }

    private static Result result(SearchHit hit) {
        return new Result(hit.source(), hit.path(), hit.ordinal(), hit.score(), hit.text(), hit.revision());
    }
}
