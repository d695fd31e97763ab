package io.syncline.node;

import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSessionRegistry;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Readiness check of pekko-management: ready only while Cassandra answers a query. A node that cannot reach its
 * storage should get no traffic (syncs would only fail and retry).
 */
public final class CassandraReadiness implements Supplier<CompletionStage<Boolean>> {

    private final ActorSystem system;

    public CassandraReadiness(ActorSystem system) {
        this.system = system;
    }

    @Override
    public CompletionStage<Boolean> get() {
        return CassandraSessionRegistry.get(system).sessionFor(SynclineNode.SESSION_CONFIG_PATH).underlying()
                .thenCompose(session -> session.executeAsync(
                        SimpleStatement.newInstance("SELECT release_version FROM system.local")
                                .setTimeout(Duration.ofSeconds(2))))
                .thenApply(rs -> rs.one() != null)
                .exceptionally(error -> false);
    }
}
