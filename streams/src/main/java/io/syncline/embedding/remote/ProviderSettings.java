package io.syncline.embedding.remote;

import com.typesafe.config.Config;

import java.time.Duration;

/**
 * How every provider endpoint of a node is governed, read once from {@code syncline.providers} (defaults in
 * reference.conf); what differs per endpoint (rates, batch size, timeout) is in the workspace's embedding config.
 *
 * @param maxAttempts        calls of one batch that failed for a reason that may pass before its texts fail (429s
 *                           do not count: waiting is what the provider asked for)
 * @param maxRetryTime       the longest a batch is retried, 429s included, from its first failure
 * @param baseBackoff        the first wait after a failure that may pass, doubled each time (with full jitter)
 * @param maxBackoff         the longest such wait
 * @param rateLimitedBackoff the pause after a 429 that gives no Retry-After
 * @param breakerMaxFailures failures in a row that open an endpoint's circuit
 * @param breakerReset       how long it stays open before a probe, doubled after each failed probe ...
 * @param breakerMaxReset    ... up to this
 * @param openPoll           how often a call waiting on an open circuit looks again
 * @param headroom           the share of a configured rate actually used, so that a provider's window is not hit
 * @param decreaseFactor     the rate is multiplied by this after a 429
 * @param recoveryPerSecond  and grows back by this share of the configured rate each second without one
 * @param reportInterval     how often a node repeats to the others an endpoint's trouble while it lasts
 * @param peerReportTtl      how long what another node reported of an endpoint counts
 */
public record ProviderSettings(int maxAttempts, Duration maxRetryTime, Duration baseBackoff, Duration maxBackoff,
                               Duration rateLimitedBackoff, int breakerMaxFailures, Duration breakerReset,
                               Duration breakerMaxReset, Duration openPoll, double headroom, double decreaseFactor,
                               double recoveryPerSecond, Duration reportInterval,
                               Duration peerReportTtl) {

    public static ProviderSettings fromConfig(Config config) {
        Config c = config.getConfig("syncline.providers");
        return new ProviderSettings(c.getInt("retry.max-attempts"), c.getDuration("retry.max-time"),
                c.getDuration("retry.base-backoff"), c.getDuration("retry.max-backoff"),
                c.getDuration("retry.rate-limited-backoff"), c.getInt("circuit-breaker.max-failures"),
                c.getDuration("circuit-breaker.reset-timeout"), c.getDuration("circuit-breaker.max-reset-timeout"),
                c.getDuration("circuit-breaker.open-poll"), c.getDouble("rate.headroom"),
                c.getDouble("rate.decrease-factor"), c.getDouble("rate.recovery-per-second"),
                c.getDuration("cluster.report-interval"), c.getDuration("cluster.report-ttl"));
    }
}
