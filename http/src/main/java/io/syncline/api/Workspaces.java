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
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.util.Version;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;

/**
 * The workspace entities as the routes ask them, each call within one configured timeout. A rejection becomes the
 * matching 4xx, a timeout a 503 (the entity may be recovering or Cassandra slow: asking again helps). Reads are
 * asked again within that timeout when an answer is late: while a shard is handed over to another node (a rolling
 * restart or upgrade, a rebalance) Pekko drops the messages it buffered for it, and only the asker can send again.
 */
public final class Workspaces {

    /** Tries of a read within the timeout: each waits a third of it. */
    static final int READ_TRIES = 3;

    /** The first release that can delete a workspace, and read the events a deletion writes. */
    static final Version DELETES_SINCE = new Version("0.2.0");

    private final ClusterSharding sharding;
    private final Cluster cluster;
    private final Duration timeout;
    private final WorkspaceDirectory directory;

    public Workspaces(ActorSystem<?> system, Duration timeout, WorkspaceDirectory directory) {
        this.sharding = ClusterSharding.get(system);
        this.cluster = Cluster.get(system);
        this.timeout = timeout;
        this.directory = directory;
    }

    public CompletionStage<WorkspaceView> create(String id, IndexConfig config) {
        return tries(id, replyTo -> new WorkspaceCommand.Create(IndexSettings.of(config), replyTo), 1, timeout);
    }

    /** The workspace as it is, being deleted or not. */
    public CompletionStage<WorkspaceView> get(String id) {
        return read(id, WorkspaceCommand.Get::new);
    }

    /** The workspace, for a request that reads or changes what it holds: 409 while it is being deleted. */
    public CompletionStage<WorkspaceView> serving(String id) {
        return get(id).thenApply(view -> {
            if (view.deleting()) {
                throw ApiException.conflict("workspace '" + id + "' is being deleted (since " + view.deletingSince()
                        + "); it can be created again once GET /v1/workspaces/" + id + " answers 404");
            }
            return view;
        });
    }

    /**
     * Starts deleting a workspace. Refused while a node of the cluster runs a release that could not read the
     * event it writes, should the workspace move there.
     */
    public CompletionStage<WorkspaceView> delete(String id) {
        List<String> older = StreamSupport.stream(cluster.state().getMembers().spliterator(), false)
                .filter(m -> m.appVersion().compareTo(DELETES_SINCE) < 0)
                .map(m -> m.address().hostPort() + " runs " + m.appVersion()).toList();
        if (!older.isEmpty()) {
            return CompletableFuture.failedFuture(ApiException.conflict("a workspace can be deleted only once every"
                    + " node runs release " + DELETES_SINCE + " or later, and " + String.join(", ", older)
                    + "; finish the upgrade first"));
        }
        return ask(id, WorkspaceCommand.Delete::new);
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
        return read(id, replyTo -> new WorkspaceCommand.GetJob(jobId, replyTo));
    }

    /** A command that changes something: asked once, since the entity may have handled a copy that timed out. */
    private <T> CompletionStage<T> ask(String id, Function<ActorRef<StatusReply<T>>, WorkspaceCommand> command) {
        return ifCreated(id, () -> tries(id, command, 1, timeout));
    }

    /** A command that only reads: asked again, up to {@link #READ_TRIES} times in all, when an answer is late. */
    private <T> CompletionStage<T> read(String id, Function<ActorRef<StatusReply<T>>, WorkspaceCommand> command) {
        return ifCreated(id, () -> tries(id, command, READ_TRIES, timeout.dividedBy(READ_TRIES)));
    }

    /** Asks the entity only if the workspace was ever created; else answers 404 without starting one. */
    private <T> CompletionStage<T> ifCreated(String id, Supplier<CompletionStage<T>> ask) {
        if (!Require.ID.matcher(id).matches()) {
            return CompletableFuture.failedFuture(missing(id));
        }
        return directory.exists(id).thenCompose(exists -> exists ? ask.get()
                : CompletableFuture.<T>failedFuture(missing(id)));
    }

    private <T> CompletionStage<T> tries(String id, Function<ActorRef<StatusReply<T>>, WorkspaceCommand> command,
                                         int tries, Duration each) {
        if (!Require.ID.matcher(id).matches()) {
            // Never start an entity for an id no workspace can have.
            return CompletableFuture.failedFuture(missing(id));
        }
        return sharding.entityRefFor(WorkspaceEntity.ENTITY_KEY, id).<T>askWithStatus(command::apply, each)
                .<CompletionStage<T>>handle((answer, error) -> {
                    if (error == null) {
                        return CompletableFuture.completedFuture(answer);
                    }
                    if (tries > 1 && unwrap(error) instanceof TimeoutException) {
                        return tries(id, command, tries - 1, each);
                    }
                    throw toApiException(id, error);
                })
                .thenCompose(answer -> answer);
    }

    /** The answer about a workspace that does not exist, or that the caller's key does not reach. */
    static ApiException missing(String id) {
        return ApiException.notFound("workspace '" + id + "' does not exist");
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    private RuntimeException toApiException(String id, Throwable error) {
        Throwable cause = unwrap(error);
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
