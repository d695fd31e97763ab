package io.syncline.workspace;

import com.typesafe.config.Config;

import java.time.Duration;

/**
 * The workspace entity's timings and quotas, read once from {@code syncline.workspace} (defaults in reference.conf).
 *
 * @param askTimeout       how long the sync runner waits for the entity to persist a report
 * @param stopTimeout      how long the runner of a job that no longer runs waits for its writes under way, before the
 *                         entity may clean up after it
 * @param idleTimeout      how long an entity with nothing to run stays in memory before it passivates
 * @param retryMinBackoff  the first wait before a job that failed for a passing reason resumes
 * @param retryMaxBackoff  the longest such wait
 * @param cleanupRetry     the wait before a failed cleanup (source removal, old generation) is tried again
 * @param maxSources       sources a workspace may have
 * @param maxQueuedJobs    jobs that may wait for one source at once (a request equal to a queued one is that one)
 */
public record WorkspaceSettings(Duration askTimeout, Duration stopTimeout, Duration idleTimeout, Duration retryMinBackoff,
                                Duration retryMaxBackoff, Duration cleanupRetry, int maxSources,
                                int maxQueuedJobs) {

    public static WorkspaceSettings fromConfig(Config config) {
        Config c = config.getConfig("syncline.workspace");
        return new WorkspaceSettings(c.getDuration("ask-timeout"), c.getDuration("stop-timeout"),
                c.getDuration("idle-timeout"),
                c.getDuration("retry-min-backoff"), c.getDuration("retry-max-backoff"),
                c.getDuration("cleanup-retry"), c.getInt("max-sources"), c.getInt("max-queued-jobs-per-source"));
    }

    /** Exponential backoff with the attempt count: 1, 2, 4, ... times the minimum, capped. */
    Duration retryBackoff(int attempts) {
        long factor = 1L << Math.min(20, Math.max(0, attempts - 1));
        Duration backoff = retryMinBackoff.multipliedBy(factor);
        return backoff.compareTo(retryMaxBackoff) > 0 ? retryMaxBackoff : backoff;
    }
}
