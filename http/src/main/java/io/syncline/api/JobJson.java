package io.syncline.api;

import io.syncline.workspace.FailedDocument;
import io.syncline.workspace.JobView;

import java.time.Instant;
import java.util.List;

/**
 * A sync job as {@code GET .../syncs/{job}} and {@code POST .../syncs} show it.
 *
 * @param mode            the mode asked for
 * @param effectiveMode   the mode it runs in once planned (null before)
 * @param documents       the counts, plus {@code planned}: how many paths the job examines (-1 until planned)
 * @param attempts        runs of this job that failed for a reason that may pass and were resumed
 * @param lastError       the reason of the last such failure
 * @param failures        the documents that failed (the first ones, the count is in documents.failed)
 * @param progressedAt    when the job last took a checkpoint (null before its first one, and after a restart until
 *                        its next one while the cluster writes journal format 1)
 * @param providerTrouble while it runs: what troubles its embedding provider (an open circuit, a Retry-After pause),
 *                        which is why it may be making no progress; null otherwise
 */
record JobJson(String job, String workspace, String source, String state, String mode, String ref,
               String effectiveMode, String configHash, String fromRevision, String toRevision, Documents documents,
               Chunks chunks, Instant requestedAt, Instant startedAt, Instant finishedAt, String error, int attempts,
               String lastError, List<Failure> failures, Instant progressedAt, String providerTrouble) {

    record Documents(long planned, long seen, long added, long changed, long deleted, long unchanged, long skipped,
                     long failed) {
    }

    record Chunks(long embedded, long reused, long deleted) {
    }

    record Failure(String path, String error) {
    }

    static JobJson of(JobView job) {
        return of(job, null);
    }

    static JobJson of(JobView job, String providerTrouble) {
        JobView.Documents d = job.documents();
        return new JobJson(job.job(), job.workspace(), job.source(), job.state(), job.mode().json(), job.ref(),
                job.effectiveMode() == null ? null : job.effectiveMode().json(), job.configHash(),
                job.fromRevision(), job.toRevision(),
                new Documents(d.planned(), d.seen(), d.added(), d.changed(), d.deleted(), d.unchanged(), d.skipped(),
                        d.failed()),
                new Chunks(job.chunks().embedded(), job.chunks().reused(), job.chunks().deleted()),
                job.requestedAt(), job.startedAt(), job.finishedAt(), job.error(), job.attempts(), job.lastError(),
                job.failures().stream().map(JobJson::failure).toList(), job.progressedAt(), providerTrouble);
    }

    private static Failure failure(FailedDocument failed) {
        return new Failure(failed.path(), failed.error());
    }
}
