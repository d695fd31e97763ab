package io.syncline.workspace.journal;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pekko.serialization.jackson.JacksonMigration;

/**
 * The change of shape 0.2 ships in two steps: version 2 of {@code SyncProgressed} records when the checkpoint was
 * taken ({@code at}), and the snapshot ({@code WorkspaceState}, versions 2 and 4 of {@link SnapshotVersions}) keeps
 * it per job ({@code progressedAt}), so that a job's status shows when it last moved, across restarts and moves.
 *
 * <p>Step one (format 1) writes version 1 and reads version 2; step two (format 2) writes version 2 and reads
 * version 1. Reading version 1 leaves the new field empty: the time of a checkpoint that was not recorded is not
 * known. Reading version 2 in format 1 keeps it (the classes have the field): only what this node writes follows
 * the format (see {@link AddedInFormat2}).
 */
public final class RicherCheckpoint extends JacksonMigration {

    @Override
    public int currentVersion() {
        return JournalFormat.writes();
    }

    @Override
    public int supportedForwardVersion() {
        return JournalFormat.NEWEST;
    }

    @Override
    public JsonNode transform(int fromVersion, JsonNode json) {
        return json; // version 1 lacks the new field, which reads as empty; version 2 only adds it
    }
}
