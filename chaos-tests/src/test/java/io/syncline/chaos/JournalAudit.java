package io.syncline.chaos;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks one entity's event journal as pekko-persistence-cassandra wrote it (table {@code messages}): sequence
 * numbers 1..N with no gap and no duplicate, and writers that never interleave. Each incarnation of an entity writes
 * with a writer uuid of its own; once a new incarnation has written, an earlier one writing again means two
 * incarnations ran at once (a split brain), even if their sequence numbers happen not to collide.
 */
final class JournalAudit {

    /** One row of {@code messages}: a journal entry. */
    record Entry(long partitionNr, long sequenceNr, String writerUuid) {
    }

    private JournalAudit() {
    }

    /** Every problem of the journal, one sentence each; empty when the journal is intact. */
    static List<String> problems(String persistenceId, List<Entry> entries) {
        List<String> problems = new ArrayList<>();
        if (entries.isEmpty()) {
            problems.add(persistenceId + ": no events at all");
            return problems;
        }
        List<Entry> ordered = entries.stream().sorted(Comparator.comparingLong(Entry::sequenceNr)).toList();
        long expected = 1;
        for (Entry entry : ordered) {
            if (entry.sequenceNr() < expected) {
                problems.add(persistenceId + ": sequence number " + entry.sequenceNr() + " written twice (writers "
                        + writersOf(ordered, entry.sequenceNr()) + ")");
            } else if (entry.sequenceNr() > expected) {
                problems.add(persistenceId + ": sequence numbers " + expected + ".." + (entry.sequenceNr() - 1)
                        + " missing");
            }
            expected = Math.max(expected, entry.sequenceNr() + 1);
        }
        Set<String> earlier = new LinkedHashSet<>();
        String current = null;
        for (Entry entry : ordered) {
            if (entry.writerUuid().equals(current)) {
                continue;
            }
            if (earlier.contains(entry.writerUuid())) {
                problems.add(persistenceId + ": writer " + entry.writerUuid() + " wrote sequence number "
                        + entry.sequenceNr() + " after writer " + current + " had taken over");
            }
            if (current != null) {
                earlier.add(current);
            }
            current = entry.writerUuid();
        }
        return problems;
    }

    /** The distinct writers in the order they first wrote: one per incarnation of the entity that wrote. */
    static List<String> writers(List<Entry> entries) {
        return entries.stream().sorted(Comparator.comparingLong(Entry::sequenceNr)).map(Entry::writerUuid)
                .distinct().toList();
    }

    private static List<String> writersOf(List<Entry> ordered, long sequenceNr) {
        return ordered.stream().filter(e -> e.sequenceNr() == sequenceNr).map(Entry::writerUuid).toList();
    }
}
