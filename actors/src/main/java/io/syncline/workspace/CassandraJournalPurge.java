package io.syncline.workspace;

import com.typesafe.config.ConfigValueFactory;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.cassandra.cleanup.Cleanup;
import org.apache.pekko.persistence.cassandra.cleanup.CleanupSettings;
import scala.jdk.javaapi.FutureConverters;

import java.util.concurrent.CompletionStage;

/**
 * {@link JournalPurge} on the Cassandra journal, with the plugin's own cleanup tool (whose dry run is turned off
 * here, for this use only).
 *
 * <p>Snapshots go first: a crash in between leaves every event, which recovers the workspace as being deleted, so
 * that the entity purges again. Events first would leave a snapshot from before the deletion, which would bring
 * the workspace back. The events are deleted up to the last one and the journal keeps that number, so that a
 * workspace created again with the same id writes after it, never under the deletion's tombstones (whatever the
 * clocks of the nodes say); its row in {@code all_persistence_ids} stays for the same reason (the journal writes
 * it only for an event numbered 1).
 */
public final class CassandraJournalPurge implements JournalPurge {

    private final Cleanup cleanup;

    public CassandraJournalPurge(ActorSystem<?> system) {
        var config = system.settings().config().getConfig("pekko.persistence.cassandra.cleanup")
                .withValue("dry-run", ConfigValueFactory.fromAnyRef(false));
        this.cleanup = new Cleanup(system, new CleanupSettings(config));
    }

    @Override
    public CompletionStage<Done> purge(String persistenceId) {
        return FutureConverters.asJava(cleanup.deleteAllSnapshots(persistenceId))
                .thenCompose(done -> FutureConverters.asJava(cleanup.deleteAllEvents(persistenceId, false)));
    }
}
