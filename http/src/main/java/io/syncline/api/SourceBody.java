package io.syncline.api;

import io.syncline.source.SourceSpec;
import io.syncline.source.SourceType;
import io.syncline.source.Sources;

import java.util.List;

/**
 * {@code POST /v1/workspaces/{ws}/sources}: {@code {"id","type":"git","uri","branch","include","exclude"}} or
 * {@code {"id","type":"filesystem","path","include","exclude"}}, both with an optional {@code maxFileBytes}; a
 * private https repository names the operator's credentials for its host ({@code "credentials": "github"}).
 */
record SourceBody(String id, String type, String uri, String path, String branch, List<String> include,
                  List<String> exclude, Long maxFileBytes, String credentials) {

    static final int MAX_GLOBS = 64;
    static final int MAX_GLOB_CHARS = 256;
    /** Paths, uris and branch names: longer ones are no real repository's. */
    static final int MAX_LOCATION_CHARS = 4096;
    static final int MAX_BRANCH_CHARS = 255;

    /** @param maxFileBytesAllowed the node's limit ({@code syncline.sources.max-file-bytes}) */
    SourceSpec toSpec(long maxFileBytesAllowed) {
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
            Require.that(uri == null && branch == null && credentials == null,
                    "fields 'uri', 'branch' and 'credentials' are for git sources; a filesystem source has a 'path'");
        }
        Require.that(uri == null || uri.length() <= MAX_LOCATION_CHARS, "field 'uri' must be at most "
                + MAX_LOCATION_CHARS + " characters, was " + (uri == null ? 0 : uri.length()));
        Require.that(path == null || path.length() <= MAX_LOCATION_CHARS, "field 'path' must be at most "
                + MAX_LOCATION_CHARS + " characters, was " + (path == null ? 0 : path.length()));
        Require.that(branch == null || branch.length() <= MAX_BRANCH_CHARS, "field 'branch' must be at most "
                + MAX_BRANCH_CHARS + " characters, was " + (branch == null ? 0 : branch.length()));
        Require.that(maxFileBytes == null || maxFileBytes > 0, "field 'maxFileBytes' must be positive");
        Require.that(!Sources.hasCredentials(SourceSpec.git(id, uri, null)), "field 'uri' holds a user or password;"
                + " credentials in a uri would be kept in the journal and shown to every reader, so they are refused."
                + " Name instead the credentials the operator defined for the host: \"credentials\": \"<name>\""
                + " (syncline.sources.git-credentials; docs/operations.md)");
        Require.that(credentials == null || Require.ID.matcher(credentials).matches(), "field 'credentials' must be"
                + " the name of credentials the operator defined (lowercase letters, digits, '-' and '_')");
        Require.that(maxFileBytes == null || maxFileBytes <= maxFileBytesAllowed, "field 'maxFileBytes' must be at"
                + " most " + maxFileBytesAllowed + " (this node's syncline.sources.max-file-bytes), was "
                + maxFileBytes);
        checkGlobs(include, "include");
        checkGlobs(exclude, "exclude");
        return new SourceSpec(id, sourceType, uri, path, branch, include, exclude,
                maxFileBytes == null ? 0 : maxFileBytes, credentials);
    }

    private static void checkGlobs(List<String> globs, String field) {
        if (globs != null) {
            Require.that(globs.size() <= MAX_GLOBS, "field '" + field + "' may hold at most " + MAX_GLOBS
                    + " globs, had " + globs.size());
            for (String glob : globs) {
                Require.that(glob != null && !glob.isBlank(), "field '" + field + "' must not hold empty globs");
                Require.that(glob.length() <= MAX_GLOB_CHARS, "field '" + field + "' holds a glob of "
                        + glob.length() + " characters; the limit is " + MAX_GLOB_CHARS);
            }
        }
    }
}
