package io.syncline.workspace;

import io.syncline.sync.SyncMode;
import io.syncline.workspace.WorkspaceEntity.AddSource;
import io.syncline.workspace.WorkspaceEntity.ChangeConfig;
import io.syncline.workspace.WorkspaceEntity.ConfigChanged;
import io.syncline.workspace.WorkspaceEntity.Create;
import io.syncline.workspace.WorkspaceEntity.Event;
import io.syncline.workspace.WorkspaceEntity.GenerationDiscarded;
import io.syncline.workspace.WorkspaceEntity.Get;
import io.syncline.workspace.WorkspaceEntity.GetJob;
import io.syncline.workspace.WorkspaceEntity.RemoveSource;
import io.syncline.workspace.WorkspaceEntity.RequestSync;
import io.syncline.workspace.WorkspaceEntity.RetryDocuments;
import io.syncline.workspace.WorkspaceEntity.SourceAdded;
import io.syncline.workspace.WorkspaceEntity.SourceRemovalStarted;
import io.syncline.workspace.WorkspaceEntity.SyncFailed;
import io.syncline.workspace.WorkspaceEntity.SyncQueued;
import io.syncline.workspace.WorkspaceEntity.WorkspaceCreated;
import org.apache.pekko.Done;
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
 * change nothing and say what is wrong.
 */
final class WorkspaceCommands {

    private final String workspaceId;
    private final String node;
    private final Supplier<EffectFactories<Event, WorkspaceState>> effect;
    private final WorkspaceRuntime runtime;

    WorkspaceCommands(String workspaceId, String node, Supplier<EffectFactories<Event, WorkspaceState>> effect,
                      WorkspaceRuntime runtime) {
        this.workspaceId = workspaceId;
        this.node = node;
        this.effect = effect;
        this.runtime = runtime;
    }

    ReplyEffect<Event, WorkspaceState> create(WorkspaceState state, Create command) {
        if (state.exists()) {
            return effect.get().reply(command.replyTo(),
                    Rejection.conflict("workspace '" + workspaceId + "' already exists"));
        }
        return effect.get().persist(new WorkspaceCreated(workspaceId, command.config(), Instant.now()))
                .thenRun(next -> runtime.reconcile(next, true))
                .thenReply(command.replyTo(), next -> StatusReply.success(WorkspaceView.of(next, node)));
    }

    ReplyEffect<Event, WorkspaceState> get(WorkspaceState state, Get command) {
        if (!state.exists()) {
            return effect.get().reply(command.replyTo(), notFound());
        }
        return effect.get().reply(command.replyTo(), StatusReply.success(WorkspaceView.of(state, node)));
    }

    /**
     * A new config makes a new generation: every source is queued for a full sync into it, and searches keep
     * reading the active generation until the new one holds every source. A generation that was still being
     * built is discarded, with the jobs writing it.
     */
    ReplyEffect<Event, WorkspaceState> changeConfig(WorkspaceState state, ChangeConfig command) {
        if (!state.exists()) {
            return effect.get().reply(command.replyTo(), notFound());
        }
        String generation = command.config().generation();
        if (generation.equals(state.targetGeneration())) {
            return effect.get().reply(command.replyTo(), StatusReply.success(WorkspaceView.of(state, node)));
        }
        Instant now = Instant.now();
        List<Event> events = new ArrayList<>();
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
                        && j.source().equals(source) && j.mode() == SyncMode.FULL && j.ref() == null);
                if (!alreadyQueued) {
                    events.add(new SyncQueued(jobId(++sequence), source, SyncMode.FULL, null, null, now));
                }
            }
        }
        return effect.get().persist(FollowUps.with(state, events, now))
                .thenRun(next -> runtime.reconcile(next, true))
                .thenReply(command.replyTo(), next -> StatusReply.success(WorkspaceView.of(next, node)));
    }

    ReplyEffect<Event, WorkspaceState> addSource(WorkspaceState state, AddSource command) {
        if (!state.exists()) {
            return effect.get().reply(command.replyTo(), notFound());
        }
        String id = command.spec().id();
        if (state.sources().containsKey(id)) {
            return effect.get().reply(command.replyTo(),
                    Rejection.conflict("source '" + id + "' already exists in workspace '" + workspaceId + "'"));
        }
        if (state.removingSources().contains(id)) {
            return effect.get().reply(command.replyTo(), Rejection.conflict("source '" + id
                    + "' is being removed; add it again once GET /v1/workspaces/" + workspaceId
                    + " no longer lists it under removingSources"));
        }
        return effect.get().persist(new SourceAdded(command.spec(), Instant.now()))
                .thenRun(next -> runtime.reconcile(next, true))
                .thenReply(command.replyTo(), next -> StatusReply.success(WorkspaceView.of(next, node)));
    }

    /** Removes the source at once from the workspace; its documents and vectors are deleted in the background. */
    ReplyEffect<Event, WorkspaceState> removeSource(WorkspaceState state, RemoveSource command) {
        if (!state.exists()) {
            return effect.get().reply(command.replyTo(), notFound());
        }
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
    ReplyEffect<Event, WorkspaceState> requestSync(WorkspaceState state, RequestSync command) {
        if (!state.exists()) {
            return effect.get().reply(command.replyTo(), notFound());
        }
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
    ReplyEffect<Event, WorkspaceState> retryDocuments(WorkspaceState state, RetryDocuments command) {
        if (!state.exists()) {
            return effect.get().reply(command.replyTo(), notFound());
        }
        for (String source : command.pathsBySource().keySet()) {
            if (!state.sources().containsKey(source)) {
                return effect.get().reply(command.replyTo(), sourceNotFound(source));
            }
        }
        Instant now = Instant.now();
        List<Event> events = new ArrayList<>();
        List<String> jobIds = new ArrayList<>();
        long sequence = state.jobSequence();
        for (var entry : new java.util.TreeMap<>(command.pathsBySource()).entrySet()) {
            String jobId = jobId(++sequence);
            jobIds.add(jobId);
            events.add(new SyncQueued(jobId, entry.getKey(), SyncMode.RETRY, null, List.copyOf(entry.getValue()), now));
        }
        return effect.get().persist(FollowUps.with(state, events, now))
                .thenRun(next -> runtime.reconcile(next, true))
                .thenReply(command.replyTo(), next -> StatusReply.success(new JobViews(jobIds.stream()
                        .map(id -> JobView.of(workspaceId, next.job(id).orElseThrow())).toList())));
    }

    ReplyEffect<Event, WorkspaceState> getJob(WorkspaceState state, GetJob command) {
        if (!state.exists()) {
            return effect.get().reply(command.replyTo(), notFound());
        }
        return effect.get().reply(command.replyTo(), state.job(command.jobId())
                .map(job -> StatusReply.success(JobView.of(workspaceId, job)))
                .orElseGet(() -> Rejection.notFound("job '" + command.jobId() + "' is not known in workspace '"
                        + workspaceId + "' (it keeps its last " + WorkspaceState.KEPT_FINISHED_JOBS
                        + " finished jobs)")));
    }

    static String jobId(long sequence) {
        return "job-" + sequence;
    }

    private <T> StatusReply<T> notFound() {
        return Rejection.notFound("workspace '" + workspaceId + "' does not exist");
    }

    private <T> StatusReply<T> sourceNotFound(String source) {
        return Rejection.notFound("source '" + source + "' does not exist in workspace '" + workspaceId + "'");
    }
}
