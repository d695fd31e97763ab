package io.syncline.node;

import com.typesafe.config.Config;
import io.syncline.metrics.SynclineMetrics;
import kamon.Kamon;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Kamon for the nodes of this JVM: started with the first, stopped with the last (tests run several nodes in one
 * JVM, and Kamon is one per JVM). Its instrumentation is attached only when {@code kamon.init.attach-instrumentation}
 * says so; its Prometheus reporter serves no port of its own ({@link MetricsRoute} serves it).
 */
final class NodeMetrics {

    private static int nodes;

    private NodeMetrics() {
    }

    static synchronized void start(Config config) {
        SynclineMetrics.labelWorkspaces(config.getBoolean("syncline.metrics.workspace-labels"));
        if (nodes++ == 0) {
            Kamon.init(config);
        }
    }

    static synchronized void stop(Duration timeout) {
        if (--nodes == 0) {
            try {
                scala.concurrent.Await.result(Kamon.stop(),
                        scala.concurrent.duration.Duration.create(timeout.toMillis(), TimeUnit.MILLISECONDS));
            } catch (Exception e) {
                // Stopping the reporters late loses nothing that matters: the process is going.
            }
        }
    }
}
