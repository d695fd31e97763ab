package io.syncline.workspace.journal;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pekko.serialization.jackson.JacksonMigration;

/**
 * Version 2 of the events that carry a workspace's config ({@code WorkspaceCreated}, {@code ConfigChanged}): its
 * embedding names the endpoint its URL and key's place came from ({@code embedding.endpoint}). Version 1, which
 * 0.1 wrote with a URL and a key's place of the workspace's own, is read with the endpoint's migrated name
 * ({@link MigratedEndpoints}).
 *
 * <p>Both journal formats write version 2: it only adds a field, and 0.1.1 reads it as version 1 (it binds no
 * migration, so it ignores versions, and ignores fields it does not know).
 */
public final class EndpointNamed extends JacksonMigration {

    @Override
    public int currentVersion() {
        return 2;
    }

    @Override
    public JsonNode transform(int fromVersion, JsonNode json) {
        if (fromVersion < 2) {
            MigratedEndpoints.nameIn(json.get("config"));
        }
        return json;
    }
}
