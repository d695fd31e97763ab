package io.syncline.workspace;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import io.syncline.source.SourceSpec;
import io.syncline.source.SourceType;

import java.util.Arrays;
import java.util.List;

/**
 * A source of a workspace as its events and state hold it: the journal's own record, translated from and to the
 * pipeline's {@link SourceSpec} at the edges. Its fields (and their JSON names) are those release 0.1 wrote, and
 * {@code credentials} (0.2.0), the name of the operator's credentials for a private repository: left out while null,
 * so that a source without them keeps the shape 0.1.1 reads (which would ignore the name, and fail to fetch).
 */
public record SourceDefinition(String id, Kind type, String uri, String path, String branch, List<String> include,
                               List<String> exclude, long maxFileBytes,
                               @JsonInclude(JsonInclude.Include.NON_NULL) String credentials) {

    public SourceDefinition {
        include = include == null ? List.of() : List.copyOf(include);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
    }

    public enum Kind {
        GIT("git"),
        FILESYSTEM("filesystem");

        private final String json;

        Kind(String json) {
            this.json = json;
        }

        @JsonValue
        public String json() {
            return json;
        }

        @JsonCreator
        public static Kind fromJson(String value) {
            return Arrays.stream(values()).filter(k -> k.json.equals(value)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown source type '" + value + "'"));
        }
    }

    public static SourceDefinition of(SourceSpec spec) {
        return new SourceDefinition(spec.id(), spec.type() == SourceType.GIT ? Kind.GIT : Kind.FILESYSTEM, spec.uri(),
                spec.path(), spec.branch(), spec.include(), spec.exclude(), spec.maxFileBytes(), spec.credentials());
    }

    public SourceSpec toSpec() {
        return new SourceSpec(id, type == Kind.GIT ? SourceType.GIT : SourceType.FILESYSTEM, uri, path, branch,
                include, exclude, maxFileBytes, credentials);
    }
}
