package io.syncline.workspace;

import io.syncline.workspace.WorkspaceCommand.AddSource;
import io.syncline.workspace.WorkspaceCommand.ChangeConfig;
import io.syncline.workspace.WorkspaceCommand.Create;
import io.syncline.workspace.WorkspaceCommand.Delete;
import io.syncline.workspace.WorkspaceCommand.Get;
import io.syncline.workspace.WorkspaceCommand.GetJob;
import io.syncline.workspace.WorkspaceCommand.RemoveSource;
import io.syncline.workspace.WorkspaceCommand.RequestSync;
import io.syncline.workspace.WorkspaceCommand.RetryDocuments;
import io.syncline.workspace.WorkspaceEvent.ConfigChanged;
import io.syncline.workspace.WorkspaceEvent.GenerationDiscarded;
import io.syncline.workspace.WorkspaceEvent.SourceAdded;
import io.syncline.workspace.WorkspaceEvent.SourceRemovalStarted;
import io.syncline.workspace.WorkspaceEvent.SyncFailed;
import io.syncline.workspace.WorkspaceEvent.SyncQueued;
import io.syncline.workspace.WorkspaceEvent.WorkspaceCreated;
import io.syncline.workspace.WorkspaceEvent.WorkspaceDeletionStarted;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.javadsl.EffectFactories;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The handling of the API's commands: validation against the state, the events they cause, the reply. Rejections
 * change nothing and say what is wrong. The entity calls {@link #create} and {@link #missing} while the workspace
 * does not exist, the others once it does.
 */
final class WorkspaceCommands {

    private final String workspaceId;
    private final String node;
    private final Supplier<EffectFactories<WorkspaceEvent, WorkspaceState>> effect;
    private final WorkspaceRuntime runtime;
    private final WorkspaceSettings settings;

    WorkspaceCommands(String workspaceId, String node, Supplier<EffectFactories<WorkspaceEvent, WorkspaceState>> effect,
                      WorkspaceRuntime runtime, WorkspaceSettings settings) {
        this.workspaceId = workspaceId;
        this.node = node;
        this.effect = effect;
        this.runtime = runtime;
        this.settings = settings;
    }

    ReplyEffect<WorkspaceEvent, WorkspaceState> create(WorkspaceState state, Create command) {
        return effect.get().persist(new WorkspaceCreated(workspaceId, command.config(), Instant.now()))
                .thenRun(next -> runtime.reconcile(next, true))
                .thenReply(command.replyTo(), next -> StatusReply.success(WorkspaceView.of(next, node)));
    }

    ReplyEffect<WorkspaceEvent, WorkspaceState> alreadyExists(WorkspaceState state, Create command) {
        return effect.get().reply(command.replyTo(),
                Rejection.conflict("workspace '" + workspaceId + "' already exists").reply());
    }

    /**
     * Any command but create, to a workspace that does not exist: those that wait for an answer learn so; the
     * others (reports of a runner of a workspace that is gone) are dropped.
     */
    ReplyEffect<WorkspaceEvent, WorkspaceState> missing(WorkspaceState state, WorkspaceCommand command) {
        if (command instanceof WorkspaceCommand.Replying<?> replying) {
            return effect.get().reply(replying.rejectionTo(), notFound());
        }
        return effect.get().noReply();
    }

    ReplyEffect<WorkspaceEvent, WorkspaceState> get(WorkspaceState state, Get command) {
        return get(state, command.replyTo());
    }

    /** Asked to delete a workspace already being deleted: it is, and the answer says since when. */
    ReplyEffect<WorkspaceEvent, WorkspaceState> get(WorkspaceState state, Delete command) {
        return get(state, command.replyTo());
    }

    private ReplyEffect<WorkspaceEvent, WorkspaceState> get(WorkspaceState state,
                                                            ActorRef<StatusReply<WorkspaceView>> replyTo) {
        return effect.get().reply(replyTo, StatusReply.success(WorkspaceView.of(state, node)));
    }

    /**
     * Cancels the jobs and starts removing every source (rows, dead letters, mirrors on every node); once nothing
     * of the workspace is left, its journal is deleted ({@link WorkspaceRuntime}).
     */
    ReplyEffect<WorkspaceEvent, WorkspaceState> delete(WorkspaceState state, Delete command) {
        return effect.get().persist(new WorkspaceDeletionStarted(Instant.now()))
                .thenRun(next -> {
                    runtime.log().info("workspace {}: deleting it ({} sources, {} jobs cancelled)", workspaceId,
                            next.removingSources().size(), state.jobs().values().stream()
                                    .filter(j -> !j.state().finished()).count());
                    runtime.reconcile(next, false);
                })
                .thenReply(command.replyTo(), next -> StatusReply.success(WorkspaceView.of(next, node)));
    }

    /** Any command of the API but reads, to a workspace being deleted. */
    ReplyEffect<WorkspaceEvent, WorkspaceState> beingDeleted(WorkspaceState state, WorkspaceCommand command) {
        if (command instanceof WorkspaceCommand.Replying<?> replying) {
            return effect.get().reply(replying.rejectionTo(), Rejection.conflict(beingDeletedMessage(state)).reply());
        }
        return effect.get().noReply();
    }

    private String beingDeletedMessage(WorkspaceState state) {
        return "workspace '" + workspaceId + "' is being deleted (since " + state.deletingSince()
                + "); it can be created again once GET /v1/workspaces/" + workspaceId + " answers 404";
    }

    /**
     * A config of another generation makes a new one: every source is queued for a full sync into it, and searches
     * keep reading the active generation until the new one holds every source. A generation that was still being
     * built is discarded, with the jobs writing it. A config of the target generation is only recorded.
     */
    ReplyEffect<WorkspaceEvent, WorkspaceState> changeConfig(WorkspaceState state, ChangeConfig command) {
        String generation = command.config().generation();
        if (command.config().equals(state.config())) {
            return effect.get().reply(command.replyTo(), StatusReply.success(WorkspaceView.of(state, node)));
        }
        Instant now = Instant.now();
        if (generation.equals(state.targetGeneration())) {
            // The same rows, called otherwise (limits, timeout, the endpoint's name): nothing to build or discard.
            return effect.get().persist(new ConfigChanged(command.config(), now))
                    .thenReply(command.replyTo(), next -> StatusReply.success(WorkspaceView.of(next, node)));
        }
        List<WorkspaceEvent> events = new ArrayList<>();
        String building = state.targetGeneration();
        if (!building.equals(state.activeGeneration())) {
            state.runningJobs().stream().filter(j -> building.equals(j.generation()))
                    .forEach(j -> events.add(new SyncFailed(j.id(), "superseded by a config change", now)));
            events.add(new GenerationDiscarded(building, now));
        }
        events.add(new ConfigChanged(command.config(), now));
        if (!generation.equals(state.activeGeneration())) {
            long sequence = state.jobSequence();
            for (String source : state.sources().keySet()) {
                boolean alreadyQueued = state.jobs().values().stream().anyMatch(j -> j.state() == JobState.QUEUED
                        && j.source().equals(source) && j.mode() == JobMode.FULL && j.ref() == null);
                if (!alreadyQueued) {
                    events.add(new SyncQueued(jobId(++sequence), source, JobMode.FULL, null, null, now));
                }
            }
        }
        return effect.get().persist(FollowUps.with(state, events, now))
                .thenRun(next -> runtime.reconcile(next, true))
                .thenReply(command.replyTo(), next -> StatusReply.success(WorkspaceView.of(next, node)));
    }

    ReplyEffect<WorkspaceEvent, WorkspaceState> addSource(WorkspaceState state, AddSource command) {
        String id = command.spec().id();
        if (state.sources().containsKey(id)) {
            return effect.get().reply(command.replyTo(),
                    Rejection.conflict("source '" + id + "' already exists in workspace '" + workspaceId + "'")
                            .reply());
        }
        if (state.removingSources().contains(id)) {
            return effect.get().reply(command.replyTo(), Rejection.conflict("source '" + id
                    + "' is being removed; add it again once GET /v1/workspaces/" + workspaceId
                    + " no longer lists it under removingSources").reply());
        }
        if (state.sources().size() + state.removingSources().size() >= settings.maxSources()) {
            return effect.get().reply(command.replyTo(), Rejection.conflict("workspace '" + workspaceId + "' has "
                    + settings.maxSources() + " sources (those being removed included), the most a workspace may"
                    + " have (syncline.workspace.max-sources); remove one first").reply());
        }
        return effect.get().persist(new SourceAdded(command.spec(), Instant.now()))
                .thenRun(next -> runtime.reconcile(next, true))
                .thenReply(command.replyTo(), next -> StatusReply.success(WorkspaceView.of(next, node)));
    }

    /** Removes the source at once from the workspace; its documents and vectors are deleted in the background. */
    ReplyEffect<WorkspaceEvent, WorkspaceState> removeSource(WorkspaceState state, RemoveSource command) {
        if (!state.sources().containsKey(command.sourceId())) {
            return effect.get().reply(command.replyTo(), sourceNotFound(command.sourceId()));
        }
        Instant now = Instant.now();
        return effect.get().persist(FollowUps.with(state,
                        List.of(new SourceRemovalStarted(command.sourceId(), now)), now))
                .thenRun(next -> runtime.reconcile(next, true))
                .thenReply(command.replyTo(), next -> StatusReply.success(Done.getInstance()));
    }

    /** Queues a job; asking again for a job that is already queued, unchanged, returns that job. */
    ReplyEffect<WorkspaceEvent, WorkspaceState> requestSync(WorkspaceState state, RequestSync command) {
        if (!state.sources().containsKey(command.source())) {
            return effect.get().reply(command.replyTo(), sourceNotFound(command.source()));
        }
        Optional<Job> same = state.jobs().values().stream()
                .filter(j -> j.state() == JobState.QUEUED && j.source().equals(command.source())
                        && j.mode() == command.mode() && Objects.equals(j.ref(), command.ref()))
                .findFirst();
        if (same.isPresent()) {
            return effect.get().reply(command.replyTo(), StatusReply.success(JobView.of(workspaceId, same.get())));
        }
        long queued = state.jobs().values().stream()
                .filter(j -> j.state() == JobState.QUEUED && j.source().equals(command.source())).count();
        if (queued >= settings.maxQueuedJobs()) {
            return effect.get().reply(command.replyTo(), Rejection.conflict("source '" + command.source() + "' has "
                    + queued + " jobs waiting, the most a source may (syncline.workspace.max-queued-jobs-per-source);"
                    + " wait for them to run").reply());
        }
        Instant now = Instant.now();
        String jobId = jobId(state.jobSequence() + 1);
        return effect.get().persist(FollowUps.with(state,
                        List.of(new SyncQueued(jobId, command.source(), command.mode(), command.ref(), null, now)),
                        now))
                .thenRun(next -> runtime.reconcile(next, true))
                .thenReply(command.replyTo(), next -> StatusReply.success(JobView.of(workspaceId,
                        next.job(jobId).orElseThrow())));
    }

    /** One retry job per source, for documents that are dead letters; sources that are gone are refused. */
    ReplyEffect<WorkspaceEvent, WorkspaceState> retryDocuments(WorkspaceState state, RetryDocuments command) {
        for (String source : command.pathsBySource().keySet()) {
            if (!state.sources().containsKey(source)) {
                return effect.get().reply(command.replyTo(), sourceNotFound(source));
            }
        }
        Instant now = Instant.now();
        List<WorkspaceEvent> events = new ArrayList<>();
        List<String> jobIds = new ArrayList<>();
        long sequence = state.jobSequence();
        for (var entry : new java.util.TreeMap<>(command.pathsBySource()).entrySet()) {
            String jobId = jobId(++sequence);
            jobIds.add(jobId);
            events.add(new SyncQueued(jobId, entry.getKey(), JobMode.RETRY, null, List.copyOf(entry.getValue()), now));
        }
        return effect.get().persist(FollowUps.with(state, events, now))
                .thenRun(next -> runtime.reconcile(next, true))
                .thenReply(command.replyTo(), next -> StatusReply.success(new JobViews(jobIds.stream()
                        .map(id -> JobView.of(workspaceId, next.job(id).orElseThrow())).toList())));
    }

    ReplyEffect<WorkspaceEvent, WorkspaceState> getJob(WorkspaceState state, GetJob command) {
        return effect.get().reply(command.replyTo(), state.job(command.jobId())
                .map(job -> StatusReply.success(JobView.of(workspaceId, job)))
                .orElseGet(() -> Rejection.notFound("job '" + command.jobId() + "' is not known in workspace '"
                        + workspaceId + "' (it keeps its last " + WorkspaceState.KEPT_FINISHED_JOBS
                        + " finished jobs)").reply()));
    }

    static String jobId(long sequence) {
        return "job-" + sequence;
    }

    private <T> StatusReply<T> notFound() {
        return Rejection.notFound("workspace '" + workspaceId + "' does not exist").reply();
    }

    private <T> StatusReply<T> sourceNotFound(String source) {
        return Rejection.notFound("source '" + source + "' does not exist in workspace '" + workspaceId + "'")
                .reply();
    }
}
