package io.syncline.api;

import io.syncline.auth.Caller;
import io.syncline.auth.Role;
import io.syncline.store.DeadLetter;
import io.syncline.store.DeadLetterStore;
import io.syncline.workspace.JobView;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.javadsl.Sink;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;

/**
 * {@code GET /v1/workspaces/{ws}/dead-letters}, {@code POST .../dead-letters/retry} (a retry job per source, for
 * all the workspace's dead letters or the given ids) and {@code DELETE .../dead-letters/{id}} (stop retrying one).
 */
final class DeadLetterRoutes extends AllDirectives {

    private final Workspaces workspaces;
    private final DeadLetterStore deadLetters;
    private final ActorSystem<?> system;

    DeadLetterRoutes(Workspaces workspaces, DeadLetterStore deadLetters, ActorSystem<?> system) {
        this.workspaces = workspaces;
        this.deadLetters = deadLetters;
        this.system = system;
    }

    record Items(List<DeadLetter> items) {
    }

    record RetryBody(List<String> ids) {
    }

    /** @param job the first job (there is one per source) */
    record Retried(String job, List<String> jobs, int documents) {
    }

    Route route(Caller caller) {
        return pathPrefix(PathMatchers.segment("workspaces").slash(PathMatchers.segment()).slash("dead-letters"),
                workspace -> concat(
                        pathEndOrSingleSlash(() -> get(() -> {
                            Access.toWorkspace(caller, workspace, Role.READER, "reading dead letters");
                            return onSuccess(workspaces.serving(workspace), view -> onSuccess(list(workspace),
                                    items -> complete(StatusCodes.OK, new Items(items), JsonMarshalling.json())));
                        })),
                        path("retry", () -> post(() -> {
                            Access.toWorkspace(caller, workspace, Role.EDITOR, "retrying dead letters");
                            return JsonRequest.body(body -> retry(workspace, body));
                        })),
                        path(PathMatchers.segment(), id -> delete(() -> {
                            Access.toWorkspace(caller, workspace, Role.EDITOR, "dropping a dead letter");
                            return remove(workspace, id);
                        }))));
    }

    private CompletionStage<List<DeadLetter>> list(String workspace) {
        return deadLetters.list(workspace).runWith(Sink.seq(), system).thenApply(letters -> letters.stream()
                .sorted(Comparator.comparing(DeadLetter::source).thenComparing(DeadLetter::path)).toList());
    }

    private Route retry(String workspace, String body) {
        RetryBody request = body.isBlank() ? new RetryBody(null) : JsonBody.parse(body, RetryBody.class);
        return onSuccess(workspaces.serving(workspace), view -> onSuccess(list(workspace), letters -> {
            List<DeadLetter> chosen = letters;
            if (request.ids() != null) {
                Set<String> wanted = new HashSet<>(request.ids());
                chosen = letters.stream().filter(l -> wanted.contains(l.id())).toList();
                Set<String> unknown = new HashSet<>(wanted);
                chosen.forEach(l -> unknown.remove(l.id()));
                if (!unknown.isEmpty()) {
                    throw ApiException.notFound("no dead letter " + String.join(", ", new TreeSet<>(unknown))
                            + " in workspace '" + workspace + "'");
                }
            }
            if (chosen.isEmpty()) {
                throw ApiException.conflict("workspace '" + workspace + "' has no dead letters to retry");
            }
            Map<String, List<String>> bySource = new LinkedHashMap<>();
            chosen.forEach(l -> bySource.computeIfAbsent(l.source(), s -> new ArrayList<>()).add(l.path()));
            int documents = chosen.size();
            return onSuccess(workspaces.retryDocuments(workspace, bySource), jobs -> {
                List<String> ids = jobs.stream().map(JobView::job).toList();
                return complete(StatusCodes.ACCEPTED, new Retried(ids.get(0), ids, documents),
                        JsonMarshalling.json());
            });
        }));
    }

    private Route remove(String workspace, String id) {
        return onSuccess(workspaces.serving(workspace), view -> onSuccess(deadLetters.get(workspace, id), letter -> {
            if (letter.isEmpty()) {
                throw ApiException.notFound("no dead letter '" + id + "' in workspace '" + workspace + "'");
            }
            return onSuccess(deadLetters.delete(workspace, id), done -> complete(StatusCodes.OK,
                    Map.of("deleted", id, "source", letter.get().source(), "path", letter.get().path()),
                    JsonMarshalling.json()));
        }));
    }
}
