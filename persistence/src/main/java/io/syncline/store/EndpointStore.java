package io.syncline.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.stream.StreamSupport;

/** The {@code provider_endpoints} table: a few rows, one per endpoint an admin defined, its definition as JSON. */
public final class EndpointStore {

    /** An endpoint's row. */
    public record Stored(String name, String definition, Instant updatedAt, String updatedBy) {
    }

    /** Rows read at most by a list: far more than any deployment defines. */
    public static final int MAX_LISTED = 1000;

    private final CqlSession session;
    private final PreparedStatement upsert;
    private final PreparedStatement insertIfAbsent;
    private final PreparedStatement replaceIfUnchanged;
    private final PreparedStatement selectOne;
    private final PreparedStatement selectAll;
    private final PreparedStatement delete;

    public EndpointStore(CqlSession session, String keyspace) {
        this.session = session;
        String table = keyspace + ".provider_endpoints";
        this.upsert = session.prepare("INSERT INTO " + table
                + " (name, definition, updated_at, updated_by) VALUES (?, ?, ?, ?)");
        this.insertIfAbsent = session.prepare("INSERT INTO " + table
                + " (name, definition, updated_at, updated_by) VALUES (?, ?, ?, ?) IF NOT EXISTS");
        this.replaceIfUnchanged = session.prepare("UPDATE " + table
                + " SET definition = ?, updated_at = ?, updated_by = ? WHERE name = ? IF definition = ?");
        this.selectOne = session.prepare("SELECT name, definition, updated_at, updated_by FROM " + table
                + " WHERE name = ?");
        this.selectAll = session.prepare("SELECT name, definition, updated_at, updated_by FROM " + table
                + " LIMIT " + MAX_LISTED);
        this.delete = session.prepare("DELETE FROM " + table + " WHERE name = ? IF EXISTS");
    }

    public CompletionStage<Void> put(Stored endpoint) {
        return session.executeAsync(upsert.bind(endpoint.name(), endpoint.definition(), endpoint.updatedAt(),
                endpoint.updatedBy())).thenApply(rs -> null);
    }

    /** Writes the endpoint unless one of its name exists; true when it was written. */
    public CompletionStage<Boolean> putIfAbsent(Stored endpoint) {
        return session.executeAsync(insertIfAbsent.bind(endpoint.name(), endpoint.definition(), endpoint.updatedAt(),
                endpoint.updatedBy())).thenApply(rs -> rs.wasApplied());
    }

    /** Replaces the endpoint's definition if it is still {@code expected}; true when it was replaced. */
    public CompletionStage<Boolean> replace(Stored endpoint, String expected) {
        return session.executeAsync(replaceIfUnchanged.bind(endpoint.definition(), endpoint.updatedAt(),
                endpoint.updatedBy(), endpoint.name(), expected)).thenApply(rs -> rs.wasApplied());
    }

    public CompletionStage<Optional<Stored>> get(String name) {
        return session.executeAsync(selectOne.bind(name))
                .thenApply(rs -> Optional.ofNullable(rs.one()).map(EndpointStore::toStored));
    }

    public CompletionStage<List<Stored>> list() {
        return session.executeAsync(selectAll.bind().setPageSize(MAX_LISTED)).thenApply(rs ->
                StreamSupport.stream(rs.currentPage().spliterator(), false).map(EndpointStore::toStored).toList());
    }

    /** Deletes the endpoint; true when it existed. */
    public CompletionStage<Boolean> delete(String name) {
        return session.executeAsync(delete.bind(name)).thenApply(rs -> rs.wasApplied());
    }

    private static Stored toStored(Row row) {
        return new Stored(row.getString("name"), row.getString("definition"), row.getInstant("updated_at"),
                row.getString("updated_by"));
    }
}
