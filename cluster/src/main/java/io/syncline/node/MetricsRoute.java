package io.syncline.node;

import kamon.prometheus.PrometheusReporter;
import org.apache.pekko.actor.AbstractExtensionId;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.ExtensionIdProvider;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.management.javadsl.ManagementRouteProvider;
import org.apache.pekko.management.javadsl.ManagementRouteProviderSettings;

/**
 * {@code GET /metrics} on the management port (beside /ready and /alive, with no key): the Prometheus text of Kamon's
 * latest tick. Listed in {@code pekko.management.http.routes}, which loads it as an extension.
 */
public final class MetricsRoute extends AbstractExtensionId<MetricsRoute.Provider> implements ExtensionIdProvider {

    /** Prometheus' text exposition format, version 0.0.4. */
    private static final ContentType.WithCharset PROMETHEUS_TEXT = MediaTypes.TEXT_PLAIN.toContentType(HttpCharsets.UTF_8);

    @Override
    public MetricsRoute lookup() {
        return this;
    }

    @Override
    public Provider createExtension(ExtendedActorSystem system) {
        return new Provider();
    }

    public static final class Provider extends AllDirectives implements ManagementRouteProvider {

        @Override
        public Route routes(ManagementRouteProviderSettings settings) {
            return path("metrics", () -> get(() -> complete(HttpEntities.create(PROMETHEUS_TEXT,
                    PrometheusReporter.latestScrapeData().getOrElse(() -> "")))));
        }
    }
}
