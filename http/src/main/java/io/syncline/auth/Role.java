package io.syncline.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a key may do; each role may do everything the ones before it may. */
public enum Role {
    /** Read workspaces, jobs, manifests and dead letters; search. */
    READER,
    /** Also add and remove sources, start syncs, retry dead letters, change a workspace's config. */
    EDITOR,
    /** Also create and delete workspaces and manage keys. */
    ADMIN;

    public boolean allows(Role needed) {
        return compareTo(needed) >= 0;
    }

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role a request names; throws IllegalArgumentException saying which roles exist. */
    public static Role fromJson(String text) {
        for (Role role : values()) {
            if (role.json().equals(text)) {
                return role;
            }
        }
        throw new IllegalArgumentException("must be one of " + Arrays.stream(values()).map(Role::json)
                .collect(Collectors.joining(", ")) + ", was '" + text + "'");
    }
}
