package io.syncline.workspace.journal;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pekko.serialization.jackson.JacksonMigration;

import java.util.Set;

/**
 * Reads the commands and events that release 0.1 wrote and sent as nested classes of {@code WorkspaceEntity}:
 * 0.2 moved them, with the same fields, into {@code WorkspaceCommand} and {@code WorkspaceEvent}. Bound to the old
 * names; Pekko renames only data older than the current version, and 0.1's data has version 1.
 */
public final class MovedFromWorkspaceEntity extends JacksonMigration {

    private static final String OLD = "io.syncline.workspace.WorkspaceEntity$";
    private static final Set<String> COMMANDS = Set.of("Create", "Get", "ChangeConfig", "AddSource",
            "RemoveSource", "RequestSync", "GetJob", "RetryDocuments");

    @Override
    public int currentVersion() {
        return 2;
    }

    @Override
    public String transformClassName(int fromVersion, String className) {
        String name = className.substring(OLD.length());
        String owner = COMMANDS.contains(name) ? "WorkspaceCommand$" : "WorkspaceEvent$";
        return "io.syncline.workspace." + owner + name;
    }

    @Override
    public JsonNode transform(int fromVersion, JsonNode json) {
        return json;
    }
}
