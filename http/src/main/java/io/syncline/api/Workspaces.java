package io.syncline.api;

import io.syncline.source.SourceSpec;
import io.syncline.sync.IndexConfig;
import io.syncline.sync.SyncMode;
import io.syncline.workspace.IndexSettings;
import io.syncline.workspace.JobMode;
import io.syncline.workspace.JobView;
import io.syncline.workspace.JobViews;
import io.syncline.workspace.Rejection;
import io.syncline.workspace.SourceDefinition;
import io.syncline.workspace.WorkspaceCommand;
import io.syncline.workspace.WorkspaceEntity;
import io.syncline.workspace.WorkspaceView;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.pattern.StatusReply;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        return ask(id, replyTo -> new WorkspaceCommand.Create(IndexSettings.of(config), replyTo));
    }

    public CompletionStage<WorkspaceView> get(String id) {
        return ask(id, WorkspaceCommand.Get::new);
    }

    public CompletionStage<WorkspaceView> changeConfig(String id, IndexConfig config) {
        return ask(id, replyTo -> new WorkspaceCommand.ChangeConfig(IndexSettings.of(config), replyTo));
    }

    public CompletionStage<WorkspaceView> addSource(String id, SourceSpec spec) {
        return ask(id, replyTo -> new WorkspaceCommand.AddSource(SourceDefinition.of(spec), replyTo));
    }

    public CompletionStage<Done> removeSource(String id, String sourceId) {
        return ask(id, replyTo -> new WorkspaceCommand.RemoveSource(sourceId, replyTo));
    }

    public CompletionStage<JobView> requestSync(String id, String source, SyncMode mode, String ref) {
        return ask(id, replyTo -> new WorkspaceCommand.RequestSync(source, JobMode.of(mode), ref, replyTo));
    }

    public CompletionStage<List<JobView>> retryDocuments(String id, Map<String, List<String>> paths) {
        return this.<JobViews>ask(id, replyTo -> new WorkspaceCommand.RetryDocuments(paths, replyTo))
                .thenApply(JobViews::jobs);
    }

    public CompletionStage<JobView> job(String id, String jobId) {
        return ask(id, replyTo -> new WorkspaceCommand.GetJob(jobId, replyTo));
    }

    private <T> CompletionStage<T> ask(String id,
                                       Function<ActorRef<StatusReply<T>>, WorkspaceCommand> command) {
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
        Optional<Rejection> rejection = Rejection.of(cause);
        if (rejection.isPresent()) {
            return toApiException(id, rejection.get());
        }
        if (cause instanceof TimeoutException) {
            return ApiException.unavailable("workspace '" + id + "' did not answer within " + timeout.toMillis()
                    + " ms (it may be moving to another node after one failed, recovering, or Cassandra may be slow);"
                    + " try again");
        }
        return cause instanceof RuntimeException re ? re : new CompletionException(cause);
    }

    private static ApiException toApiException(String id, Rejection rejection) {
        return switch (rejection.reason()) {
            case NOT_FOUND -> ApiException.notFound(rejection.message());
            case CONFLICT -> ApiException.conflict(rejection.message());
            case INVALID -> ApiException.invalid(rejection.message());
            case UNAVAILABLE -> ApiException.unavailable("workspace '" + id + "' cannot be served now: "
                    + rejection.message() + "; try again or use another node");
        };
    }
}
