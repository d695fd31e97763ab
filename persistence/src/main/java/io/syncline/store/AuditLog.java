package io.syncline.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.uuid.Uuids;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.stream.StreamSupport;

/**
 * The {@code audit_log} table: which key did which admin action on what, one partition per UTC day, newest first.
 * Entries are only added, never changed.
 */
public final class AuditLog {

    /** One admin action as recorded. */
    public record Entry(Instant at, String keyId, String action, String target, int status) {
    }

    private final CqlSession session;
    private final PreparedStatement insert;
    private final PreparedStatement selectDay;

    public AuditLog(CqlSession session, String keyspace) {
        this.session = session;
        String table = keyspace + ".audit_log";
        this.insert = session.prepare("INSERT INTO " + table
                + " (day, at, key_id, action, target, status) VALUES (?, ?, ?, ?, ?, ?)");
        this.selectDay = session.prepare("SELECT at, key_id, action, target, status FROM " + table
                + " WHERE day = ? LIMIT ?");
    }

    /** Records an action taken now; the time-based id keeps two actions in one millisecond apart. */
    public CompletionStage<Void> record(String keyId, String action, String target, int status) {
        var id = Uuids.timeBased();
        LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(Uuids.unixTimestamp(id)), ZoneOffset.UTC);
        return session.executeAsync(insert.bind(day, id, keyId, action, target, status)).thenApply(rs -> null);
    }

    /** The newest entries of a day, at most {@code limit}. */
    public CompletionStage<List<Entry>> day(LocalDate day, int limit) {
        return session.executeAsync(selectDay.bind(day, limit)).thenApply(rs ->
                StreamSupport.stream(rs.currentPage().spliterator(), false)
                        .map(row -> new Entry(Instant.ofEpochMilli(Uuids.unixTimestamp(row.getUuid("at"))),
                                row.getString("key_id"), row.getString("action"), row.getString("target"),
                                row.getInt("status")))
                        .toList());
    }
}
