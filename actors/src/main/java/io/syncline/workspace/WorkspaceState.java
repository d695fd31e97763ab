package io.syncline.workspace;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.syncline.serialization.CborSerializable;
import io.syncline.workspace.WorkspaceEvent.ConfigChanged;
import io.syncline.workspace.WorkspaceEvent.GenerationActivated;
import io.syncline.workspace.WorkspaceEvent.GenerationDiscarded;
import io.syncline.workspace.WorkspaceEvent.GenerationRetired;
import io.syncline.workspace.WorkspaceEvent.SourceAdded;
import io.syncline.workspace.WorkspaceEvent.SourceRemovalStarted;
import io.syncline.workspace.WorkspaceEvent.SourceRemoved;
import io.syncline.workspace.WorkspaceEvent.SyncAttemptFailed;
import io.syncline.workspace.WorkspaceEvent.SyncCompleted;
import io.syncline.workspace.WorkspaceEvent.SyncFailed;
import io.syncline.workspace.WorkspaceEvent.SyncPlanned;
import io.syncline.workspace.WorkspaceEvent.SyncProgressed;
import io.syncline.workspace.WorkspaceEvent.SyncQueued;
import io.syncline.workspace.WorkspaceEvent.SyncRetargeted;
import io.syncline.workspace.WorkspaceEvent.SyncStarted;
import io.syncline.workspace.WorkspaceEvent.SyncTargetResolved;
import io.syncline.workspace.WorkspaceEvent.WorkspaceCreated;
import io.syncline.workspace.WorkspaceEvent.WorkspaceDeletionStarted;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a workspace remembers, rebuilt from its events. Only pure functions: {@link #apply} computes the next
 * state from an event and never does I/O.
 *
 * @param id                  null until the workspace is created
 * @param config              the config the index is (being) built with; its generation is the target
 * @param activeConfig        the config of the generation searches read: the last one complete for every source
 * @param retiringGenerations generations whose rows are being deleted
 * @param sources             by id, in the order they were added
 * @param removingSources     sources whose documents are being deleted
 * @param jobs                by id, oldest first; finished jobs beyond a limit are forgotten
 * @param deletingSince       when the workspace's deletion started, or null; left out of snapshots while null, so
 *                            that those of a workspace not being deleted keep the shape release 0.1.1 reads
 */
public record WorkspaceState(String id, IndexSettings config, IndexSettings activeConfig,
                             List<String> retiringGenerations, Map<String, SourceState> sources,
                             List<String> removingSources, Map<String, Job> jobs, long jobSequence, Instant createdAt,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Instant deletingSince)
        implements CborSerializable {

    /** Finished jobs a workspace keeps for the API. */
    static final int KEPT_FINISHED_JOBS = 100;

    public static final WorkspaceState EMPTY =
            new WorkspaceState(null, null, null, List.of(), Map.of(), List.of(), Map.of(), 0, null, null);

    public WorkspaceState {
        retiringGenerations = List.copyOf(retiringGenerations);
        sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
        removingSources = List.copyOf(removingSources);
        jobs = Collections.unmodifiableMap(new LinkedHashMap<>(jobs));
    }

    public boolean exists() {
        return id != null;
    }

    public boolean deleting() {
        return deletingSince != null;
    }

    /** Deleting, and nothing of it left in the index: only its journal remains to be deleted. */
    public boolean onlyJournalLeft() {
        return deleting() && removingSources.isEmpty() && retiringGenerations.isEmpty()
                && jobs.values().stream().allMatch(j -> j.state().finished());
    }

    /** The generation searches read. */
    public String activeGeneration() {
        return activeConfig == null ? null : activeConfig.generation();
    }

    /** The generation new jobs write. */
    public String targetGeneration() {
        return config.generation();
    }

    public Optional<Job> job(String jobId) {
        return Optional.ofNullable(jobs.get(jobId));
    }

    public Optional<Job> runningJob(String source) {
        return jobs.values().stream().filter(j -> j.source().equals(source) && j.state() == JobState.RUNNING)
                .findFirst();
    }

    public List<Job> runningJobs() {
        return jobs.values().stream().filter(j -> j.state() == JobState.RUNNING).toList();
    }

    /** Queued jobs that may start now: the oldest of each source that has no job running. */
    public List<Job> startableJobs() {
        Set<String> busy = new HashSet<>();
        runningJobs().forEach(j -> busy.add(j.source()));
        List<Job> startable = new ArrayList<>();
        for (Job job : jobs.values()) {
            if (job.state() == JobState.QUEUED && busy.add(job.source())) {
                startable.add(job);
            }
        }
        return startable;
    }

    /** Nothing to run or clean up: the entity may passivate. */
    public boolean idle() {
        return !deleting() && jobs.values().stream().allMatch(j -> j.state().finished())
                && removingSources.isEmpty() && retiringGenerations.isEmpty();
    }

    /** True when the target generation holds every source and searches should switch to it. */
    public boolean targetComplete() {
        String target = targetGeneration();
        return !deleting() && !target.equals(activeGeneration())
                && sources.values().stream().allMatch(s -> s.syncedRevision(target) != null);
    }

    public WorkspaceState apply(WorkspaceEvent event) {
        // Java 17 has no pattern matching in switch: one instanceof per event type, in the order of their life.
        if (event instanceof WorkspaceCreated e) {
            return new WorkspaceState(e.workspaceId(), e.config(), e.config(), List.of(), Map.of(),
                    List.of(), Map.of(), 0, e.at(), null);
        } else if (event instanceof ConfigChanged e) {
            return withConfig(e.config());
        } else if (event instanceof SourceAdded e) {
            return withSource(e.spec().id(), SourceState.added(e.spec(), e.at()));
        } else if (event instanceof SourceRemovalStarted e) {
            return removingSource(e.sourceId(), e.at());
        } else if (event instanceof SourceRemoved e) {
            return withRemoving(without(removingSources, e.sourceId()));
        } else if (event instanceof SyncQueued e) {
            return withJob(Job.queued(e.jobId(), e.source(), e.mode(), e.ref(), e.paths(), e.at()), jobSequence + 1);
        } else if (event instanceof SyncStarted e) {
            return withJob(jobs.get(e.jobId()).started(e.generation(), e.fromRevision(), e.at()), jobSequence);
        } else if (event instanceof SyncTargetResolved e) {
            return withJob(jobs.get(e.jobId()).targeted(e.toRevision()), jobSequence);
        } else if (event instanceof SyncRetargeted e) {
            return withJob(jobs.get(e.jobId()).retargeted(e.toRevision(), "revision " + e.lostRevision()
                    + " is no longer in the repository (history rewritten?): syncing " + e.toRevision()
                    + " in full instead"), jobSequence);
        } else if (event instanceof SyncPlanned e) {
            return withJob(jobs.get(e.jobId()).planned(e.mode(), e.paths()), jobSequence);
        } else if (event instanceof SyncProgressed e) {
            return withJob(jobs.get(e.jobId()).progressed(e.checkpoint(), e.counts(), e.failures(), e.at()),
                    jobSequence);
        } else if (event instanceof SyncAttemptFailed e) {
            return withJob(jobs.get(e.jobId()).attemptFailed(e.error()), jobSequence);
        } else if (event instanceof SyncCompleted e) {
            return completed(jobs.get(e.jobId()).completed(e.counts(), e.at()));
        } else if (event instanceof SyncFailed e) {
            return finished(jobs.get(e.jobId()).failed(e.error(), e.at()));
        } else if (event instanceof GenerationActivated e) {
            return activated(e.generation(), e.previous());
        } else if (event instanceof GenerationDiscarded e) {
            return withRetiring(with(retiringGenerations, e.generation()));
        } else if (event instanceof GenerationRetired e) {
            return retired(e.generation());
        } else if (event instanceof WorkspaceDeletionStarted e) {
            return deletionStarted(e.at());
        }
        throw new IllegalArgumentException("unknown event " + event.getClass().getName());
    }

    /** Every source goes, each with its rows, dead letters and mirrors; every job not finished is cancelled. */
    private WorkspaceState deletionStarted(Instant at) {
        Map<String, Job> nextJobs = new LinkedHashMap<>(jobs);
        jobs.values().stream().filter(j -> !j.state().finished())
                .forEach(j -> nextJobs.put(j.id(), j.failed("cancelled: workspace '" + id + "' is being deleted", at)));
        List<String> removing = new ArrayList<>(removingSources);
        sources.keySet().stream().filter(source -> !removing.contains(source)).forEach(removing::add);
        return new WorkspaceState(id, config, activeConfig, retiringGenerations, Map.of(), removing, nextJobs,
                jobSequence, createdAt, at);
    }

    /**
     * A config of the generation searches read is the active one from now on: the same rows, read and written with
     * the new settings (limits, timeout, the endpoint's name).
     */
    private WorkspaceState withConfig(IndexSettings newConfig) {
        IndexSettings active = activeConfig != null && activeConfig.generation().equals(newConfig.generation())
                ? newConfig : activeConfig;
        return new WorkspaceState(id, newConfig, active, retiringGenerations, sources, removingSources,
                jobs, jobSequence, createdAt, deletingSince);
    }

    private WorkspaceState withSource(String sourceId, SourceState source) {
        Map<String, SourceState> next = new LinkedHashMap<>(sources);
        next.put(sourceId, source);
        return new WorkspaceState(id, config, activeConfig, retiringGenerations, next, removingSources, jobs,
                jobSequence, createdAt, deletingSince);
    }

    private WorkspaceState removingSource(String sourceId, Instant at) {
        Map<String, SourceState> next = new LinkedHashMap<>(sources);
        next.remove(sourceId);
        Map<String, Job> nextJobs = new LinkedHashMap<>(jobs);
        jobs.values().stream().filter(j -> j.source().equals(sourceId) && !j.state().finished())
                .forEach(j -> nextJobs.put(j.id(), j.failed("cancelled: source '" + sourceId + "' was removed", at)));
        return new WorkspaceState(id, config, activeConfig, retiringGenerations, next,
                with(removingSources, sourceId), nextJobs, jobSequence, createdAt, deletingSince);
    }

    private WorkspaceState withRemoving(List<String> removing) {
        return new WorkspaceState(id, config, activeConfig, retiringGenerations, sources, removing, jobs,
                jobSequence, createdAt, deletingSince);
    }

    private WorkspaceState withRetiring(List<String> retiring) {
        return new WorkspaceState(id, config, activeConfig, retiring, sources, removingSources, jobs, jobSequence,
                createdAt, deletingSince);
    }

    private WorkspaceState withJob(Job job, long sequence) {
        Map<String, Job> next = new LinkedHashMap<>(jobs);
        next.put(job.id(), job);
        return new WorkspaceState(id, config, activeConfig, retiringGenerations, sources, removingSources, next,
                sequence, createdAt, deletingSince);
    }

    /**
     * A completed job moves its source's revision for the job's generation forward (a retry job reads at that
     * revision and moves nothing). Documents it failed on are dead letters, which the next incremental job reads
     * again.
     */
    private WorkspaceState completed(Job job) {
        WorkspaceState next = finished(job);
        SourceState source = sources.get(job.source());
        if (source == null) {
            return next;
        }
        SourceState synced = job.mode() == JobMode.RETRY ? source.finished(job.id())
                : source.synced(job.generation(), job.toRevision(), job.id());
        return next.withSource(job.source(), synced);
    }

    /** Records a finished job and forgets the oldest finished ones beyond the limit. */
    private WorkspaceState finished(Job job) {
        WorkspaceState next = withJob(job, jobSequence);
        SourceState source = next.sources.get(job.source());
        if (source != null && job.state() != JobState.COMPLETED && job.state() != JobState.COMPLETED_WITH_ERRORS) {
            next = next.withSource(job.source(), source.finished(job.id()));
        }
        List<Job> finishedJobs = next.jobs.values().stream().filter(j -> j.state().finished()).toList();
        if (finishedJobs.size() <= KEPT_FINISHED_JOBS) {
            return next;
        }
        Map<String, Job> kept = new LinkedHashMap<>(next.jobs);
        finishedJobs.subList(0, finishedJobs.size() - KEPT_FINISHED_JOBS).forEach(j -> kept.remove(j.id()));
        return new WorkspaceState(id, config, activeConfig, retiringGenerations, next.sources, removingSources,
                kept, jobSequence, createdAt, deletingSince);
    }

    /** Only the target generation is ever activated, so the active config becomes the current one. */
    private WorkspaceState activated(String generation, String previous) {
        if (!generation.equals(config.generation())) {
            throw new IllegalStateException("generation " + generation + " is not the target " + config.generation());
        }
        List<String> retiring = previous == null || previous.equals(generation) ? retiringGenerations
                : with(retiringGenerations, previous);
        return new WorkspaceState(id, config, config, retiring, sources, removingSources, jobs, jobSequence,
                createdAt, deletingSince);
    }

    private WorkspaceState retired(String generation) {
        Map<String, SourceState> next = new LinkedHashMap<>();
        sources.forEach((sourceId, source) -> next.put(sourceId, source.withoutGeneration(generation)));
        return new WorkspaceState(id, config, activeConfig, without(retiringGenerations, generation), next,
                removingSources, jobs, jobSequence, createdAt, deletingSince);
    }

    private static List<String> with(List<String> list, String value) {
        List<String> next = new ArrayList<>(list);
        if (!next.contains(value)) {
            next.add(value);
        }
        return next;
    }

    private static List<String> without(List<String> list, String value) {
        List<String> next = new ArrayList<>(list);
        next.remove(value);
        return next;
    }
}
