package io.syncline.workspace;

import io.syncline.serialization.CborSerializable;

import java.time.Instant;
import java.util.List;

/**
 * A sync job as the entity answers about it, to the HTTP layer of any node, which shows it as
 * {@code GET /v1/workspaces/{ws}/syncs/{job}}. A message between nodes of possibly different releases: fields are
 * only ever added (older nodes ignore them).
 *
 * @param mode          the mode asked for
 * @param effectiveMode the mode it runs in once planned (null before)
 * @param documents     the counts, plus {@code planned}: how many paths the job examines (-1 until planned)
 * @param attempts      runs of this job that failed for a reason that may pass and were resumed
 * @param lastError     the reason of the last such failure
 * @param failures      the documents that failed (the first ones, the count is in documents.failed)
 * @param progressedAt  when the job last took a checkpoint, or null (not yet, or not known since a restart)
 */
public record JobView(String job, String workspace, String source, String state, JobMode mode, String ref,
                      JobMode effectiveMode, String configHash, String fromRevision, String toRevision,
                      Documents documents, JobCounts.Chunks chunks, Instant requestedAt, Instant startedAt,
                      Instant finishedAt, String error, int attempts, String lastError,
                      List<FailedDocument> failures, Instant progressedAt) implements CborSerializable {

    public record Documents(long planned, long seen, long added, long changed, long deleted, long unchanged,
                            long skipped, long failed) {
    }

    static JobView of(String workspace, Job job) {
        JobCounts.Documents d = job.counts().documents();
        return new JobView(job.id(), workspace, job.source(), job.state().json(), job.mode(), job.ref(),
                job.effectiveMode(), job.generation(), job.fromRevision(), job.toRevision(),
                new Documents(job.plannedPaths(), d.seen(), d.added(), d.changed(), d.deleted(), d.unchanged(),
                        d.skipped(), d.failed()),
                job.counts().chunks(), job.requestedAt(), job.startedAt(), job.finishedAt(), job.error(),
                job.attempts(), job.lastError(), job.failures(), job.progressedAt());
    }
}
