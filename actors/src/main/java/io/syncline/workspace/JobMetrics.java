package io.syncline.workspace;

import io.syncline.metrics.SynclineMetrics;

import java.time.Duration;
import java.time.Instant;

/**
 * A job's metrics, recorded once what they count is persisted: a checkpoint adds what the job did since its previous
 * checkpoint, so a run resumed from a checkpoint counts nothing twice and the totals equal the job's own counts.
 */
final class JobMetrics {

    private JobMetrics() {
    }

    /** The job went from {@code before} to the counts it holds in {@code next}. */
    static void progressed(WorkspaceState next, String jobId, JobCounts before) {
        next.job(jobId).ifPresent(job -> SynclineMetrics.progressed(next.id(), endpoint(next),
                before.toCounts(), job.counts().toCounts()));
    }

    /** The job ended (completed, with errors or not, or failed for good). */
    static void ended(WorkspaceState next, String jobId) {
        next.job(jobId).ifPresent(job -> {
            JobMode mode = job.effectiveMode() != null ? job.effectiveMode() : job.mode();
            Instant from = job.startedAt() != null ? job.startedAt() : job.requestedAt();
            Instant to = job.finishedAt() != null ? job.finishedAt() : Instant.now();
            SynclineMetrics.jobEnded(next.id(), mode.json(), job.state().json(),
                    from == null ? Duration.ZERO : Duration.between(from, to));
        });
    }

    /** The endpoint label: the endpoint's key, as {@code /v1/providers} shows it. */
    private static String endpoint(WorkspaceState state) {
        return state.config() == null ? "none" : state.config().toConfig().embedding().endpointKey();
    }
}
