package io.syncline.serialization;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pekko.serialization.jackson.JacksonMigration;

/**
 * Lets this release read the workspace commands and events of release 0.2.0, which moved them out of
 * {@code WorkspaceEntity} into {@code WorkspaceCommand} and {@code WorkspaceEvent} with the same fields. A node of
 * this release in a cluster being upgraded to 0.2.0 (or rolled back from it) then reads what 0.2.0 nodes send and
 * what they wrote to the journal. Bound to the new class names in serialization.conf.
 *
 * <p>Pekko renames a class only when the data is older than the migration's current version; 0.2.0 writes
 * versions from 1 upwards, so this migration claims a version none of them reaches. It never writes anything:
 * no class of this release has the names it is bound to.
 */
public final class RenamedInRelease020 extends JacksonMigration {

    @Override
    public int currentVersion() {
        return Integer.MAX_VALUE;
    }

    @Override
    public String transformClassName(int fromVersion, String className) {
        return className.replace("io.syncline.workspace.WorkspaceCommand$", "io.syncline.workspace.WorkspaceEntity$")
                .replace("io.syncline.workspace.WorkspaceEvent$", "io.syncline.workspace.WorkspaceEntity$");
    }

    @Override
    public JsonNode transform(int fromVersion, JsonNode json) {
        return json;
    }
}
