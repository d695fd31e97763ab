package io.syncline.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The {@code api_keys} table: few rows (one per key an operator made), read by id on a cache miss of a node's
 * key check, so every node sees a new or revoked key as soon as its cache entry expires.
 */
public final class ApiKeyStore {

    private static final String COLUMNS = "id, name, role, all_workspaces, workspaces, secret_hash, created_at, "
            + "created_by";

    private final CqlSession session;
    private final PreparedStatement insert;
    private final PreparedStatement insertIfAbsent;
    private final PreparedStatement selectOne;
    private final PreparedStatement selectAll;
    private final PreparedStatement delete;

    public ApiKeyStore(CqlSession session, String keyspace) {
        this.session = session;
        String table = keyspace + ".api_keys";
        String insertText = "INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
        this.insert = session.prepare(insertText);
        this.insertIfAbsent = session.prepare(insertText + " IF NOT EXISTS");
        this.selectOne = session.prepare("SELECT " + COLUMNS + " FROM " + table + " WHERE id = ?");
        this.selectAll = session.prepare("SELECT " + COLUMNS + " FROM " + table);
        this.delete = session.prepare("DELETE FROM " + table + " WHERE id = ? IF EXISTS");
    }

    public CompletionStage<Void> put(StoredKey key) {
        return session.executeAsync(bind(insert, key)).thenApply(rs -> null);
    }

    /** Writes the key unless one of its id exists (a lightweight transaction); true when it was written. */
    public CompletionStage<Boolean> putIfAbsent(StoredKey key) {
        return session.executeAsync(bind(insertIfAbsent, key)).thenApply(rs -> rs.wasApplied());
    }

    public CompletionStage<Optional<StoredKey>> get(String id) {
        return session.executeAsync(selectOne.bind(id))
                .thenApply(rs -> Optional.ofNullable(rs.one()).map(ApiKeyStore::toKey));
    }

    /** Every key; the table holds one row per key an operator made, so one page is read at a time. */
    public CompletionStage<List<StoredKey>> list() {
        return session.executeAsync(selectAll.bind().setPageSize(500))
                .thenCompose(first -> collect(first, new ArrayList<>()));
    }

    private static CompletionStage<List<StoredKey>> collect(AsyncResultSet page, List<StoredKey> keys) {
        page.currentPage().forEach(row -> keys.add(toKey(row)));
        if (!page.hasMorePages()) {
            return CompletableFuture.completedFuture(keys);
        }
        return page.fetchNextPage().thenCompose(next -> collect(next, keys));
    }

    /** Deletes the key; true when it existed. */
    public CompletionStage<Boolean> delete(String id) {
        return session.executeAsync(delete.bind(id)).thenApply(rs -> rs.wasApplied());
    }

    private static BoundStatement bind(PreparedStatement statement, StoredKey key) {
        return statement.bind(key.id(), key.name(), key.role(), key.allWorkspaces(), key.workspaces(),
                ByteBuffer.wrap(key.secretHash()), key.createdAt(), key.createdBy());
    }

    private static StoredKey toKey(Row row) {
        ByteBuffer hash = row.getByteBuffer("secret_hash");
        byte[] bytes = new byte[hash == null ? 0 : hash.remaining()];
        if (hash != null) {
            hash.duplicate().get(bytes);
        }
        return new StoredKey(row.getString("id"), row.getString("name"), row.getString("role"),
                row.getBoolean("all_workspaces"), row.getSet("workspaces", String.class), bytes,
                row.getInstant("created_at"), row.getString("created_by"));
    }
}
