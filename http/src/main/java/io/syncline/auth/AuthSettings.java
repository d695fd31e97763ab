package io.syncline.auth;

import com.typesafe.config.Config;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code syncline.auth}: the operator's admin key, if any, and how long a node trusts what it read of a key.
 *
 * @param adminKey    a secret that is an admin key of every workspace on this node, never stored (the operator's:
 *                    {@code SYNCLINE_ADMIN_KEY}); empty to have the first start make one
 * @param keyCacheTtl how long a node answers from what it read of a key; a revoked key stops working on every
 *                    node within this
 * @param requestsPerSecond what each key may send one node, on average
 * @param burst       and at once
 * @param maxWorkspacesPerKey workspaces one key may create
 */
public record AuthSettings(Optional<String> adminKey, Duration keyCacheTtl, double requestsPerSecond, int burst,
                           int maxWorkspacesPerKey) {

    /** Shorter operator keys are refused: a key is a password that scripts type for people. */
    public static final int MIN_ADMIN_KEY_LENGTH = 32;

    public AuthSettings {
        adminKey.ifPresent(key -> {
            if (key.length() < MIN_ADMIN_KEY_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                throw new IllegalArgumentException("syncline.auth.admin-key (SYNCLINE_ADMIN_KEY) must be at least "
                        + MIN_ADMIN_KEY_LENGTH + " printable ASCII characters without spaces, was "
                        + key.length() + " characters; make one with: openssl rand -hex 24");
            }
        });
        if (keyCacheTtl.isNegative() || keyCacheTtl.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("syncline.auth.key-cache-ttl must be between 0s and 1m (a revoked key"
                    + " works on other nodes for up to this long), was " + keyCacheTtl);
        }
    }

    public static AuthSettings fromConfig(Config config) {
        Config auth = config.getConfig("syncline.auth");
        String adminKey = auth.hasPath("admin-key") ? auth.getString("admin-key") : "";
        return new AuthSettings(adminKey.isEmpty() ? Optional.empty() : Optional.of(adminKey),
                auth.getDuration("key-cache-ttl"), auth.getDouble("requests-per-second"), auth.getInt("burst"),
                auth.getInt("max-workspaces-per-key"));
    }
}
