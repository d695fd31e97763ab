package io.syncline.chaos;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The events of one workspace's journal as pekko-persistence-cassandra stored them (table {@code messages}), with
 * the serializer manifest each was written under: the class name, and {@code #version} for a versioned type. The
 * manifests show which release wrote an event, and in which format.
 */
final class JournalEvents {

    /** One stored event. */
    record Event(long sequenceNr, String manifest) {
    }

    private final CqlSession session;
    private final String keyspace;

    JournalEvents(CqlSession session, String keyspace) {
        this.session = session;
        this.keyspace = keyspace;
    }

    /** Every event of {@code Workspace|<workspace>}, by sequence number. */
    List<Event> of(String workspace) {
        String persistenceId = "Workspace|" + workspace;
        List<Event> events = new ArrayList<>();
        for (Row partition : session.execute("SELECT DISTINCT persistence_id, partition_nr FROM " + keyspace
                + ".messages")) {
            if (!partition.getString("persistence_id").equals(persistenceId)) {
                continue;
            }
            for (Row row : session.execute("SELECT sequence_nr, ser_manifest FROM " + keyspace + ".messages"
                    + " WHERE persistence_id = ? AND partition_nr = ?", persistenceId,
                    partition.getLong("partition_nr"))) {
                events.add(new Event(row.getLong("sequence_nr"), row.getString("ser_manifest")));
            }
        }
        events.sort(Comparator.comparingLong(Event::sequenceNr));
        return events;
    }

    /** The highest sequence number written so far; 0 for none. */
    long lastSequenceNr(String workspace) {
        List<Event> events = of(workspace);
        return events.isEmpty() ? 0 : events.get(events.size() - 1).sequenceNr();
    }
}
