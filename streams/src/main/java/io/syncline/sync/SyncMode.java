package io.syncline.sync;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/**
 * How a job finds its work: {@code incremental} reads only the diff from the source's last synced revision (and
 * falls back to full when there is none, or the config changed); {@code full} compares every file and removes every
 * indexed document the source no longer has.
 */
public enum SyncMode {
    INCREMENTAL("incremental"),
    FULL("full");

    private final String json;

    SyncMode(String json) {
        this.json = json;
    }

    @JsonValue
    public String json() {
        return json;
    }

    @JsonCreator
    public static SyncMode fromJson(String value) {
        return Arrays.stream(values()).filter(m -> m.json.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "mode must be 'incremental' or 'full', was '" + value + "'"));
    }
}
