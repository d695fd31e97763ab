package io.syncline.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

import java.util.concurrent.CompletionStage;

/**
 * The journal's {@code all_persistence_ids} table, which pekko-persistence-cassandra writes before an entity's first
 * event: an id without a row there has no event, so the entity it names has never been created.
 */
public final class JournalIds {

    private final CqlSession session;
    private final PreparedStatement select;

    public JournalIds(CqlSession session, String keyspace) {
        this.session = session;
        this.select = session.prepare("SELECT persistence_id FROM " + keyspace
                + ".all_persistence_ids WHERE persistence_id = ?");
    }

    public CompletionStage<Boolean> exists(String persistenceId) {
        return session.executeAsync(select.bind(persistenceId)).thenApply(rs -> rs.one() != null);
    }
}
