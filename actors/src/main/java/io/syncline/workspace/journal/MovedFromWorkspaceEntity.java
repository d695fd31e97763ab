package io.syncline.workspace.journal;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncline.workspace.WorkspaceCommand;
import io.syncline.workspace.WorkspaceEvent;
import org.apache.pekko.serialization.jackson.JacksonMigration;

import java.util.Arrays;

/**
 * Reads the commands and events that release 0.1 wrote and sent as nested classes of {@code WorkspaceEntity}:
 * 0.2 moved them, with the same fields, into {@code WorkspaceCommand} and {@code WorkspaceEvent}. Bound to the old
 * names; Pekko renames only data older than the current version, and 0.1's data has version 1. Only this
 * migration reads them: the one bound to the new name is not applied after the rename.
 */
public final class MovedFromWorkspaceEntity extends JacksonMigration {

    private static final String OLD = "io.syncline.workspace.WorkspaceEntity$";

    @Override
    public int currentVersion() {
        return 2;
    }

    @Override
    public String transformClassName(int fromVersion, String className) {
        String name = className.substring(OLD.length());
        boolean command = Arrays.stream(WorkspaceCommand.class.getPermittedSubclasses())
                .anyMatch(type -> type.getSimpleName().equals(name));
        return (command ? WorkspaceCommand.class : WorkspaceEvent.class).getName() + "$" + name;
    }

    /**
     * The fields are the same, but a config 0.1 wrote or sent ({@code WorkspaceCreated}, {@code ConfigChanged},
     * and the commands {@code Create} and {@code ChangeConfig}) names no endpoint: it gets its migrated name, as
     * {@link EndpointNamed} gives it to version 1 of the moved events.
     */
    @Override
    public JsonNode transform(int fromVersion, JsonNode json) {
        MigratedEndpoints.nameIn(json.get("config"));
        return json;
    }
}
