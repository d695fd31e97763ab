package io.syncline.metrics;

import io.syncline.sync.SyncCounts;
import kamon.Kamon;
import kamon.metric.Gauge;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * Every metric Syncline records, in one place so that a name and its labels are written once. Kamon's Prometheus
 * reporter names a counter {@code <name>_total} and a timer {@code <name>_seconds} (a histogram).
 *
 * <p>Workspace labels can be switched off ({@link #labelWorkspaces}) where there are very many workspaces: every
 * workspace then counts under {@value #ANY_WORKSPACE}.
 */
public final class SynclineMetrics {

    /** The workspace label's value when workspace labels are off. */
    public static final String ANY_WORKSPACE = "*";

    private static volatile boolean workspaceLabels = true;

    private SynclineMetrics() {
    }

    public static void labelWorkspaces(boolean on) {
        workspaceLabels = on;
    }

    private static String ws(String workspace) {
        return workspaceLabels ? workspace : ANY_WORKSPACE;
    }

    /** A job ended: completed, failed (for good) or cancelled. {@code syncline_sync_jobs_total}, duration. */
    public static void jobEnded(String workspace, String mode, String outcome, Duration took) {
        Kamon.counter("syncline.sync.jobs").withTag("workspace", ws(workspace)).withTag("mode", mode)
                .withTag("outcome", outcome).increment();
        Kamon.timer("syncline.sync.duration").withTag("workspace", ws(workspace)).withTag("outcome", outcome)
                .record(Math.max(0, took.toNanos()));
    }

    /** What a job did since its previous report: {@code syncline_documents_total}, chunks embedded and reused. */
    public static void progressed(String workspace, String endpoint, SyncCounts before, SyncCounts after) {
        SyncCounts.Documents b = before.documents();
        SyncCounts.Documents a = after.documents();
        documents(workspace, "added", a.added() - b.added());
        documents(workspace, "changed", a.changed() - b.changed());
        documents(workspace, "deleted", a.deleted() - b.deleted());
        documents(workspace, "unchanged", a.unchanged() - b.unchanged());
        documents(workspace, "skipped", a.skipped() - b.skipped());
        documents(workspace, "failed", a.failed() - b.failed());
        long embedded = after.chunks().embedded() - before.chunks().embedded();
        if (embedded > 0) {
            Kamon.counter("syncline.chunks.embedded").withTag("workspace", ws(workspace))
                    .withTag("endpoint", endpoint).increment(embedded);
        }
        long reused = after.chunks().reused() - before.chunks().reused();
        if (reused > 0) {
            Kamon.counter("syncline.chunks.reused").withTag("workspace", ws(workspace)).increment(reused);
        }
    }

    private static void documents(String workspace, String outcome, long count) {
        if (count > 0) {
            Kamon.counter("syncline.documents").withTag("workspace", ws(workspace)).withTag("outcome", outcome)
                    .increment(count);
        }
    }

    /** A search answered: {@code syncline_search_seconds}. */
    public static void searched(String workspace, Duration took) {
        Kamon.timer("syncline.search").withTag("workspace", ws(workspace)).record(Math.max(0, took.toNanos()));
    }

    /** An API request answered: {@code syncline_http_requests_total{route,status}}. */
    public static void httpRequest(String route, int status) {
        Kamon.counter("syncline.http.requests").withTag("route", route).withTag("status", Integer.toString(status))
                .increment();
    }

    /** A request to a provider ended: {@code syncline_provider_requests_total}, {@code _request_seconds}. */
    public static void providerRequest(String endpoint, String status, Duration took) {
        Kamon.counter("syncline.provider.requests").withTag("endpoint", endpoint).withTag("status", status)
                .increment();
        Kamon.timer("syncline.provider.request").withTag("endpoint", endpoint).record(Math.max(0, took.toNanos()));
    }

    /** {@code syncline_provider_circuit_state{endpoint}}: 0 closed, 1 half-open, 2 open, read at every tick. */
    public static Gauge circuitState(String endpoint, DoubleSupplier state) {
        return Kamon.gauge("syncline.provider.circuit.state").withTag("endpoint", endpoint)
                .autoUpdate((Consumer<Gauge>) gauge -> gauge.update(state.getAsDouble()));
    }
}
