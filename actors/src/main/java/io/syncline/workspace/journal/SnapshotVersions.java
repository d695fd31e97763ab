package io.syncline.workspace.journal;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pekko.serialization.jackson.JacksonMigration;

/**
 * The versions of the snapshot ({@code WorkspaceState}), which holds both changes of 0.2.0:
 * <ul>
 *     <li>1: 0.1's shape;</li>
 *     <li>2: with each job's {@code progressedAt}, as format 2 writes it ({@link RicherCheckpoint});</li>
 *     <li>3 and 4: 1 and 2 with the endpoint of {@code config} and {@code activeConfig} named
 *     ({@link EndpointNamed}).</li>
 * </ul>
 * A node writes 3 in format 1 and 4 in format 2, and reads all four: 1 and 2 with the endpoints' migrated names
 * ({@link MigratedEndpoints}), and a snapshot without {@code progressedAt} with the field empty. 0.1.1 reads 3 as
 * it reads 1.
 */
public final class SnapshotVersions extends JacksonMigration {

    private static final int NAMED = 2;

    @Override
    public int currentVersion() {
        return JournalFormat.writes() + NAMED;
    }

    @Override
    public int supportedForwardVersion() {
        return JournalFormat.NEWEST + NAMED;
    }

    @Override
    public JsonNode transform(int fromVersion, JsonNode json) {
        if (fromVersion <= NAMED) {
            MigratedEndpoints.nameIn(json.get("config"));
            MigratedEndpoints.nameIn(json.get("activeConfig"));
        }
        return json;
    }
}
