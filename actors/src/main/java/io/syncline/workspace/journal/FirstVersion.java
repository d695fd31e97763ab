package io.syncline.workspace.journal;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pekko.serialization.jackson.JacksonMigration;

/** The migration of a persisted type that has only ever had its first shape: it writes version 1. */
public final class FirstVersion extends JacksonMigration {

    @Override
    public int currentVersion() {
        return 1;
    }

    @Override
    public JsonNode transform(int fromVersion, JsonNode json) {
        return json;
    }
}
