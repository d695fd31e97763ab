package io.syncline.workspace;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.syncline.workspace.journal.AddedInFormat2;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A sync job as the workspace remembers it: what was asked, what it resolved to, how far it got.
 *
 * @param mode          the mode asked for
 * @param effectiveMode the mode it runs in once planned (an incremental job with nothing to diff from runs full)
 * @param generation    the index generation it writes, fixed when it starts
 * @param plannedPaths  how many paths it examines, once planned (-1 before)
 * @param attempts      how many times a run of it failed for a reason that may pass (each then resumed)
 * @param paths         the documents a retry job reads; empty for the other modes
 * @param progressedAt  when its last checkpoint was taken; kept in snapshots from journal format 2 on
 */
public record Job(String id, String source, JobMode mode, String ref, List<String> paths, JobState state,
                  JobMode effectiveMode,
                  String generation, String fromRevision, String toRevision, int plannedPaths,
                  JobCheckpoint checkpoint, JobCounts counts, List<FailedDocument> failures, int attempts,
                  String lastError, Instant requestedAt, Instant startedAt, Instant finishedAt, String error,
                  @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = AddedInFormat2.class)
                  Instant progressedAt) {

    /** Failures kept per job: the count is exact, the list only names the first ones. */
    static final int MAX_LISTED_FAILURES = 100;

    public Job {
        paths = paths == null ? List.of() : List.copyOf(paths);
        failures = failures == null ? List.of() : List.copyOf(failures);
    }

    static Job queued(String id, String source, JobMode mode, String ref, List<String> paths, Instant at) {
        return new Job(id, source, mode, ref, paths, JobState.QUEUED, null, null, null, null, -1, JobCheckpoint.START,
                JobCounts.ZERO, List.of(), 0, null, at, null, null, null, null);
    }

    Job started(String generation, String fromRevision, Instant at) {
        return new Job(id, source, mode, ref, paths, JobState.RUNNING, effectiveMode, generation, fromRevision, toRevision,
                plannedPaths, checkpoint, counts, failures, attempts, lastError, requestedAt, at, finishedAt, error,
                progressedAt);
    }

    Job targeted(String toRevision) {
        return new Job(id, source, mode, ref, paths, state, effectiveMode, generation, fromRevision, toRevision,
                plannedPaths, checkpoint, counts, failures, attempts, lastError, requestedAt, startedAt, finishedAt,
                error, progressedAt);
    }

    Job planned(JobMode effectiveMode, int planned) {
        return new Job(id, source, mode, ref, paths, state, effectiveMode, generation, fromRevision, toRevision,
                planned, checkpoint, counts, failures, attempts, lastError, requestedAt, startedAt, finishedAt, error,
                progressedAt);
    }

    Job progressed(JobCheckpoint checkpoint, JobCounts counts, List<FailedDocument> newFailures, Instant at) {
        List<FailedDocument> all = new ArrayList<>(failures);
        newFailures.stream().limit(Math.max(0, MAX_LISTED_FAILURES - all.size())).forEach(all::add);
        return new Job(id, source, mode, ref, paths, state, effectiveMode, generation, fromRevision, toRevision,
                plannedPaths, checkpoint, counts, all, attempts, lastError, requestedAt, startedAt, finishedAt, error,
                at == null ? progressedAt : at);
    }

    /**
     * The revision the job was syncing to is gone from the repository: it starts over, in full, towards the ref's
     * revision now (a checkpoint of the lost revision says nothing about the new one, and only a full sync removes
     * what the lost revision had and the new one has not).
     */
    Job retargeted(String newRevision, String reason) {
        return new Job(id, source, mode, ref, paths, state, JobMode.FULL, generation, fromRevision, newRevision, -1,
                JobCheckpoint.START, JobCounts.ZERO, List.of(), attempts, reason, requestedAt, startedAt, finishedAt,
                error, progressedAt);
    }

    Job attemptFailed(String error) {
        return new Job(id, source, mode, ref, paths, state, effectiveMode, generation, fromRevision, toRevision,
                plannedPaths, checkpoint, counts, failures, attempts + 1, error, requestedAt, startedAt, finishedAt,
                this.error, progressedAt);
    }

    Job completed(JobCounts counts, Instant at) {
        JobState end = counts.documents().failed() > 0 ? JobState.COMPLETED_WITH_ERRORS : JobState.COMPLETED;
        return new Job(id, source, mode, ref, paths, end, effectiveMode, generation, fromRevision, toRevision,
                plannedPaths, checkpoint, counts, failures, attempts, lastError, requestedAt, startedAt, at, null,
                progressedAt);
    }

    Job failed(String error, Instant at) {
        return new Job(id, source, mode, ref, paths, JobState.FAILED, effectiveMode, generation, fromRevision, toRevision,
                plannedPaths, checkpoint, counts, failures, attempts, lastError, requestedAt, startedAt, at, error,
                progressedAt);
    }
}
