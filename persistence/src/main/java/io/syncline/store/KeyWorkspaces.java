package io.syncline.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The {@code key_workspaces} table (which workspaces each key created, one partition per key, for its quota) and
 * {@code workspace_creators}, the same the other way round, which a deletion needs. Both are written in one logged
 * batch, so that neither holds a row the other lacks.
 */
public final class KeyWorkspaces {

    private final CqlSession session;
    private final PreparedStatement insert;
    private final PreparedStatement insertCreator;
    private final PreparedStatement count;
    private final PreparedStatement creator;
    private final PreparedStatement delete;
    private final PreparedStatement deleteCreator;

    public KeyWorkspaces(CqlSession session, String keyspace) {
        this.session = session;
        String table = keyspace + ".key_workspaces";
        String creators = keyspace + ".workspace_creators";
        this.insert = session.prepare("INSERT INTO " + table + " (key_id, workspace, created_at) VALUES (?, ?, ?)");
        this.insertCreator = session.prepare("INSERT INTO " + creators + " (workspace, key_id) VALUES (?, ?)");
        this.count = session.prepare("SELECT COUNT(*) FROM " + table + " WHERE key_id = ?");
        this.creator = session.prepare("SELECT key_id FROM " + creators + " WHERE workspace = ?");
        this.delete = session.prepare("DELETE FROM " + table + " WHERE key_id = ? AND workspace = ?");
        this.deleteCreator = session.prepare("DELETE FROM " + creators + " WHERE workspace = ?");
    }

    public CompletionStage<Void> add(String keyId, String workspace) {
        return session.executeAsync(BatchStatement.newInstance(DefaultBatchType.LOGGED,
                insert.bind(keyId, workspace, Instant.now()), insertCreator.bind(workspace, keyId)))
                .thenApply(rs -> null);
    }

    public CompletionStage<Long> count(String keyId) {
        return session.executeAsync(count.bind(keyId)).thenApply(rs -> rs.one().getLong(0));
    }

    /** Frees the workspace's place in the quota of the key that created it, if a key did. */
    public CompletionStage<Void> remove(String workspace) {
        return session.executeAsync(creator.bind(workspace)).thenCompose(rs -> {
            Row row = rs.one();
            if (row == null) {
                return CompletableFuture.completedFuture(null);
            }
            return session.executeAsync(BatchStatement.newInstance(DefaultBatchType.LOGGED,
                    delete.bind(row.getString("key_id"), workspace), deleteCreator.bind(workspace)))
                    .thenApply(done -> null);
        });
    }
}
