package io.syncline.workspace;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a sync job is in its life, with the names the API shows. */
public enum JobState {
    QUEUED("queued"),
    RUNNING("running"),
    COMPLETED("completed"),
    COMPLETED_WITH_ERRORS("completed_with_errors"),
    FAILED("failed");

    private final String json;

    JobState(String json) {
        this.json = json;
    }

    @JsonValue
    public String json() {
        return json;
    }

    public boolean finished() {
        return this == COMPLETED || this == COMPLETED_WITH_ERRORS || this == FAILED;
    }
}
