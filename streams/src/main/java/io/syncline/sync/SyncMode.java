package io.syncline.sync;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/**
 * How a job finds its work: {@code incremental} reads only the diff from the source's last synced revision, plus
 * its dead letters (and falls back to full when there is nothing to diff from, or the config changed); {@code full}
 * compares every file and removes every indexed document the source no longer has; {@code retry} reads only given
 * documents (dead letters an operator retries) at the revision the index holds.
 */
public enum SyncMode {
    INCREMENTAL("incremental"),
    FULL("full"),
    RETRY("retry");

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
                        "mode must be 'incremental', 'full' or 'retry', was '" + value + "'"));
    }
}
