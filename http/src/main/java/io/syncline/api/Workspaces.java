package io.syncline.api;

import io.syncline.workspace.JobView;
import io.syncline.workspace.JobViews;
import io.syncline.workspace.Rejection;
import io.syncline.workspace.WorkspaceEntity;
import io.syncline.workspace.WorkspaceView;
import io.syncline.source.SourceSpec;
import io.syncline.sync.IndexConfig;
import io.syncline.sync.SyncMode;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.pattern.StatusReply;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The workspace entities as the routes ask them: one ask per call with one configured timeout. A rejection
 * becomes the matching 4xx, a timeout a 503 (the entity may be recovering or Cassandra slow: asking again helps).
 */
public final class Workspaces {

    private final ClusterSharding sharding;
    private final Duration timeout;

    public Workspaces(ActorSystem<?> system, Duration timeout) {
        this.sharding = ClusterSharding.get(system);
        this.timeout = timeout;
    }

    public CompletionStage<WorkspaceView> create(String id, IndexConfig config) {
        return ask(id, replyTo -> new WorkspaceEntity.Create(config, replyTo));
    }

    public CompletionStage<WorkspaceView> get(String id) {
        return ask(id, WorkspaceEntity.Get::new);
    }

    public CompletionStage<WorkspaceView> changeConfig(String id, IndexConfig config) {
        return ask(id, replyTo -> new WorkspaceEntity.ChangeConfig(config, replyTo));
    }

    public CompletionStage<WorkspaceView> addSource(String id, SourceSpec spec) {
        return ask(id, replyTo -> new WorkspaceEntity.AddSource(spec, replyTo));
    }

    public CompletionStage<Done> removeSource(String id, String sourceId) {
        return ask(id, replyTo -> new WorkspaceEntity.RemoveSource(sourceId, replyTo));
    }

    public CompletionStage<JobView> requestSync(String id, String source, SyncMode mode, String ref) {
        return ask(id, replyTo -> new WorkspaceEntity.RequestSync(source, mode, ref, replyTo));
    }

    public CompletionStage<List<JobView>> retryDocuments(String id, Map<String, List<String>> paths) {
        return this.<JobViews>ask(id, replyTo -> new WorkspaceEntity.RetryDocuments(paths, replyTo))
                .thenApply(JobViews::jobs);
    }

    public CompletionStage<JobView> job(String id, String jobId) {
        return ask(id, replyTo -> new WorkspaceEntity.GetJob(jobId, replyTo));
    }

    private <T> CompletionStage<T> ask(String id,
                                       Function<ActorRef<StatusReply<T>>, WorkspaceEntity.Command> command) {
        if (!Require.ID.matcher(id).matches()) {
            // Never start an entity for an id no workspace can have.
            return CompletableFuture.failedFuture(
                    ApiException.notFound("workspace '" + id + "' does not exist"));
        }
        return sharding.entityRefFor(WorkspaceEntity.ENTITY_KEY, id)
                .<T>askWithStatus(command::apply, timeout)
                .exceptionally(error -> {
                    throw toApiException(id, error);
                });
    }

    private RuntimeException toApiException(String id, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof StatusReply.ErrorMessage rejection) {
            String message = rejection.getMessage();
            String code = Rejection.codeOf(message);
            String text = Rejection.textOf(message);
            if (Rejection.NOT_FOUND.equals(code)) {
                return ApiException.notFound(text);
            }
            if (Rejection.CONFLICT.equals(code)) {
                return ApiException.conflict(text);
            }
            if (Rejection.UNAVAILABLE.equals(code)) {
                return ApiException.unavailable("workspace '" + id + "' cannot be served now: " + text
                        + "; try again or use another node");
            }
            return ApiException.invalid(text);
        }
        if (cause instanceof TimeoutException) {
            return ApiException.unavailable("workspace '" + id + "' did not answer within " + timeout.toMillis()
                    + " ms (it may be moving to another node after one failed, recovering, or Cassandra may be slow);"
                    + " try again");
        }
        return cause instanceof RuntimeException re ? re : new CompletionException(cause);
    }
}
