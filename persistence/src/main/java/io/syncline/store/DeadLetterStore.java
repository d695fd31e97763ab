package io.syncline.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.syncline.cassandra.CqlSources;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The dead letters of each workspace, one partition per workspace (a workspace has few; a provider refusing
 * everything shows up as one failed job first). Rows are deleted only for documents that had one.
 */
public final class DeadLetterStore {

    private static final String COLUMNS =
            "id, source, path, error, attempts, first_failed_at, last_failed_at, job";

    private final CqlSession session;
    private final PreparedStatement upsert;
    private final PreparedStatement delete;
    private final PreparedStatement selectOne;
    private final PreparedStatement selectAll;

    public DeadLetterStore(CqlSession session, String keyspace) {
        this.session = session;
        String table = keyspace + ".dead_letters";
        this.upsert = session.prepare("INSERT INTO " + table + " (workspace, " + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        this.delete = session.prepare("DELETE FROM " + table + " WHERE workspace = ? AND id = ?");
        this.selectOne = session.prepare("SELECT " + COLUMNS + " FROM " + table + " WHERE workspace = ? AND id = ?");
        this.selectAll = session.prepare("SELECT " + COLUMNS + " FROM " + table + " WHERE workspace = ?");
    }

    public CompletionStage<Void> put(String workspace, DeadLetter letter) {
        return session.executeAsync(upsert.bind(workspace, letter.id(), letter.source(), letter.path(),
                letter.error(), letter.attempts(), letter.firstFailedAt(), letter.lastFailedAt(), letter.job()))
                .thenApply(rs -> null);
    }

    public CompletionStage<Void> delete(String workspace, String id) {
        return session.executeAsync(delete.bind(workspace, id)).thenApply(rs -> null);
    }

    public CompletionStage<Optional<DeadLetter>> get(String workspace, String id) {
        return session.executeAsync(selectOne.bind(workspace, id))
                .thenApply(rs -> Optional.ofNullable(rs.one()).map(DeadLetterStore::toLetter));
    }

    /** Every dead letter of a workspace, page by page. */
    public Source<DeadLetter, NotUsed> list(String workspace) {
        return CqlSources.rows(session, selectAll.bind(workspace).setPageSize(500)).map(DeadLetterStore::toLetter);
    }

    private static DeadLetter toLetter(Row row) {
        return new DeadLetter(row.getString("id"), row.getString("source"), row.getString("path"),
                row.getString("error"), row.getInt("attempts"), row.getInstant("first_failed_at"),
                row.getInstant("last_failed_at"), row.getString("job"));
    }
}
