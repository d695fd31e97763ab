package io.syncline.store;

import java.time.Instant;
import java.util.Set;

/**
 * An API key as the {@code api_keys} table holds it: never its secret, only the secret's hash.
 *
 * @param allWorkspaces true when the key reaches every workspace; otherwise only {@code workspaces}
 * @param createdBy     the id of the key that created this one, or {@code "node"} for a key the node made
 */
public record StoredKey(String id, String name, String role, boolean allWorkspaces, Set<String> workspaces,
                        byte[] secretHash, Instant createdAt, String createdBy) {

    public StoredKey {
        workspaces = workspaces == null ? Set.of() : Set.copyOf(workspaces);
        secretHash = secretHash.clone();
    }

    @Override
    public byte[] secretHash() {
        return secretHash.clone();
    }
}
