package io.syncline.workspace;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.syncline.sync.SyncMode;

import java.util.Arrays;

/** How a job finds its work, as events and state hold it (see {@link SyncMode}); the JSON names are 0.1's. */
public enum JobMode {
    INCREMENTAL("incremental"),
    FULL("full"),
    RETRY("retry");

    private final String json;

    JobMode(String json) {
        this.json = json;
    }

    @JsonValue
    public String json() {
        return json;
    }

    @JsonCreator
    public static JobMode fromJson(String value) {
        return Arrays.stream(values()).filter(m -> m.json.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown job mode '" + value + "'"));
    }

    public static JobMode of(SyncMode mode) {
        return valueOf(mode.name());
    }

    public SyncMode toSyncMode() {
        return SyncMode.valueOf(name());
    }
}
