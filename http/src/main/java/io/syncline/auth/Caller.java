package io.syncline.auth;

import java.util.Set;

/**
 * The key a request came with, once checked: its id (for the audit log), role and scope.
 *
 * @param workspaces the workspaces the key reaches, when {@code allWorkspaces} is false
 */
public record Caller(String keyId, String name, Role role, boolean allWorkspaces, Set<String> workspaces) {

    public Caller {
        workspaces = Set.copyOf(workspaces);
    }

    /** Whether the key reaches this workspace; one it does not reach is, to the key, one that does not exist. */
    public boolean reaches(String workspace) {
        return allWorkspaces || workspaces.contains(workspace);
    }

    public boolean may(Role needed) {
        return role.allows(needed);
    }
}
