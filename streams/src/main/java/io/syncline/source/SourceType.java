package io.syncline.source;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/** The kinds of source Syncline reads; the JSON name is the lower-case one of the API. */
public enum SourceType {
    GIT("git"),
    FILESYSTEM("filesystem");

    private final String json;

    SourceType(String json) {
        this.json = json;
    }

    @JsonValue
    public String json() {
        return json;
    }

    @JsonCreator
    public static SourceType fromJson(String value) {
        return Arrays.stream(values()).filter(t -> t.json.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown source type '" + value + "'"));
    }
}
