package io.syncline.workspace;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.syncline.serialization.CborSerializable;
import io.syncline.sync.SyncCounts;
import io.syncline.sync.SyncMode;

import java.time.Instant;
import java.util.List;

/**
 * A sync job as the API shows it ({@code GET /v1/workspaces/{ws}/syncs/{job}}).
 *
 * @param mode          the mode asked for
 * @param effectiveMode the mode it runs in once planned (null before)
 * @param documents     the counts, plus {@code planned}: how many paths the job examines (-1 until planned)
 * @param attempts      runs of this job that failed for a reason that may pass and were resumed
 * @param lastError     the reason of the last such failure
 * @param failures      the documents that failed (the first ones, the count is in documents.failed)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record JobView(String job, String workspace, String source, String state, SyncMode mode, String ref,
                      SyncMode effectiveMode, String configHash, String fromRevision, String toRevision,
                      Documents documents, SyncCounts.Chunks chunks, Instant requestedAt, Instant startedAt,
                      Instant finishedAt, String error, int attempts, String lastError,
                      List<FailedDocument> failures) implements CborSerializable {

    public record Documents(long planned, long seen, long added, long changed, long deleted, long unchanged,
                            long skipped, long failed) {
    }

    static JobView of(String workspace, Job job) {
        SyncCounts.Documents d = job.counts().documents();
        return new JobView(job.id(), workspace, job.source(), job.state().json(), job.mode(), job.ref(),
                job.effectiveMode(), job.generation(), job.fromRevision(), job.toRevision(),
                new Documents(job.plannedPaths(), d.seen(), d.added(), d.changed(), d.deleted(), d.unchanged(),
                        d.skipped(), d.failed()),
                job.counts().chunks(), job.requestedAt(), job.startedAt(), job.finishedAt(), job.error(),
                job.attempts(), job.lastError(), job.failures());
    }
}
