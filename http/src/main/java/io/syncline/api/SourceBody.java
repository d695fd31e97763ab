package io.syncline.api;

import io.syncline.source.SourceSpec;
import io.syncline.source.SourceType;

import java.util.List;

/**
 * {@code POST /v1/workspaces/{ws}/sources}: {@code {"id","type":"git","uri","branch","include","exclude"}} or
 * {@code {"id","type":"filesystem","path","include","exclude"}}, both with an optional {@code maxFileBytes}.
 */
record SourceBody(String id, String type, String uri, String path, String branch, List<String> include,
                  List<String> exclude, Long maxFileBytes) {

    SourceSpec toSpec() {
        Require.id(id, "id");
        Require.present(type, "type");
        SourceType sourceType;
        try {
            sourceType = SourceType.fromJson(type);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("field 'type' must be 'git' or 'filesystem', was '" + type + "'");
        }
        if (sourceType == SourceType.GIT) {
            Require.present(uri, "uri");
            Require.that(path == null, "field 'path' is for filesystem sources; a git source has a 'uri'");
        } else {
            Require.present(path, "path");
            Require.that(uri == null && branch == null,
                    "fields 'uri' and 'branch' are for git sources; a filesystem source has a 'path'");
        }
        Require.that(maxFileBytes == null || maxFileBytes > 0, "field 'maxFileBytes' must be positive");
        checkGlobs(include, "include");
        checkGlobs(exclude, "exclude");
        return new SourceSpec(id, sourceType, uri, path, branch, include, exclude,
                maxFileBytes == null ? 0 : maxFileBytes);
    }

    private static void checkGlobs(List<String> globs, String field) {
        if (globs != null) {
            for (String glob : globs) {
                Require.that(glob != null && !glob.isBlank(), "field '" + field + "' must not hold empty globs");
            }
        }
    }
}
