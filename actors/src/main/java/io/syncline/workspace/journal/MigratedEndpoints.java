package io.syncline.workspace.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.syncline.embedding.ProviderKind;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The names the endpoints of 0.1's workspaces get. In 0.1 a workspace gave its remote model's URL and the place of
 * its key itself; from 0.2.0 a workspace names an endpoint an admin defined. What 0.1 wrote is read as naming
 * {@code migrated-<kind>-<hash>}, the same name on every node and for every workspace that gave the same kind, URL
 * and key's place, so that each such endpoint is listed once among the endpoints (the workspace entity lists it
 * there when it starts, see {@code MigratedEndpointListing}) and an admin sees where the nodes send text.
 */
public final class MigratedEndpoints {

    public static final String PREFIX = "migrated-";

    private MigratedEndpoints() {
    }

    public static boolean isMigrated(String endpoint) {
        return endpoint != null && endpoint.startsWith(PREFIX);
    }

    /** The name of the endpoint a workspace of 0.1 gave itself. */
    public static String name(String provider, String baseUrl, String apiKeyEnv, String apiKeyFile) {
        String url = baseUrl != null ? baseUrl : ProviderKind.byName(provider).map(ProviderKind::defaultBaseUrl)
                .orElse("");
        String key = apiKeyEnv != null ? "env:" + apiKeyEnv : apiKeyFile != null ? "file:" + apiKeyFile : "none";
        return PREFIX + provider + "-" + sha256(provider + "\n" + url + "\n" + key).substring(0, 10);
    }

    /**
     * Names the endpoint of the settings ({@code {"embedding": ..., "chunking": ...}}) as they were written before
     * 0.2.0: a remote model without a name gets its migrated one; a local model, or settings that name one, are
     * left as they are.
     */
    static void nameIn(JsonNode settings) {
        if (settings == null || !(settings.get("embedding") instanceof ObjectNode embedding)) {
            return;
        }
        String provider = text(embedding, "provider");
        if (provider == null || ProviderKind.byName(provider).filter(kind -> kind != ProviderKind.LOCAL).isEmpty()
                || text(embedding, "endpoint") != null) {
            return;
        }
        embedding.put("endpoint", name(provider, text(embedding, "baseUrl"), text(embedding, "apiKeyEnv"),
                text(embedding, "apiKeyFile")));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
