package io.syncline.source;

import java.util.List;

/**
 * Where a source's documents come from and which of them count, as a workspace's config holds it.
 *
 * @param id           the source's name within its workspace
 * @param type         {@link SourceType#GIT} or {@link SourceType#FILESYSTEM}
 * @param uri          git only: an https URL, a {@code file://} URL, a local work tree or a git directory
 * @param path         filesystem only: the directory to index
 * @param branch       git only: the branch synced when a sync names no ref; null means the repository's HEAD branch
 * @param include      globs (relative to the root, {@code **} spans directories) a file must match one of
 * @param exclude      globs of files to leave out, even when included
 * @param maxFileBytes files larger than this are skipped (and counted as skipped)
 * @param credentials  git over https only: the name of the credentials the operator defined for the repository's
 *                     host ({@link GitCredentials}), or null for a public repository
 */
public record SourceSpec(String id, SourceType type, String uri, String path, String branch, List<String> include,
                         List<String> exclude, long maxFileBytes, String credentials) {

    public static final List<String> INCLUDE_EVERYTHING = List.of("**");
    public static final long DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

    public SourceSpec {
        include = include == null || include.isEmpty() ? INCLUDE_EVERYTHING : List.copyOf(include);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
        maxFileBytes = maxFileBytes <= 0 ? DEFAULT_MAX_FILE_BYTES : maxFileBytes;
    }

    /** A source without credentials. */
    public SourceSpec(String id, SourceType type, String uri, String path, String branch, List<String> include,
                      List<String> exclude, long maxFileBytes) {
        this(id, type, uri, path, branch, include, exclude, maxFileBytes, null);
    }

    public static SourceSpec git(String id, String uri, String branch) {
        return new SourceSpec(id, SourceType.GIT, uri, null, branch, null, null, 0);
    }

    public static SourceSpec filesystem(String id, String path) {
        return new SourceSpec(id, SourceType.FILESYSTEM, null, path, null, null, null, 0);
    }

    public SourceSpec withFilters(List<String> include, List<String> exclude) {
        return new SourceSpec(id, type, uri, path, branch, include, exclude, maxFileBytes, credentials);
    }

    public SourceSpec withCredentials(String credentials) {
        return new SourceSpec(id, type, uri, path, branch, include, exclude, maxFileBytes, credentials);
    }

    public SourceSpec withMaxFileBytes(long maxFileBytes) {
        return new SourceSpec(id, type, uri, path, branch, include, exclude, maxFileBytes, credentials);
    }
}
