package io.syncline.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

import java.time.Instant;
import java.util.concurrent.CompletionStage;

/** The {@code key_workspaces} table: which workspaces each key created, one partition per key. */
public final class KeyWorkspaces {

    private final CqlSession session;
    private final PreparedStatement insert;
    private final PreparedStatement count;

    public KeyWorkspaces(CqlSession session, String keyspace) {
        this.session = session;
        String table = keyspace + ".key_workspaces";
        this.insert = session.prepare("INSERT INTO " + table + " (key_id, workspace, created_at) VALUES (?, ?, ?)");
        this.count = session.prepare("SELECT COUNT(*) FROM " + table + " WHERE key_id = ?");
    }

    public CompletionStage<Void> add(String keyId, String workspace) {
        return session.executeAsync(insert.bind(keyId, workspace, Instant.now())).thenApply(rs -> null);
    }

    public CompletionStage<Long> count(String keyId) {
        return session.executeAsync(count.bind(keyId)).thenApply(rs -> rs.one().getLong(0));
    }
}
