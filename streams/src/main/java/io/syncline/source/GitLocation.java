package io.syncline.source;

import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a git source's repository lives, parsed from the spec's uri: an https URL, or a git directory on this machine
 * (given as a path, a {@code file://} URL, or a work tree holding {@code .git}). Parsing looks at the local disk only,
 * never at the network; a uri that cannot work is rejected as {@link SourceException.Kind#INVALID}. A local path
 * that is missing (or not a repository) is the source's mistake when it is added, but only this node's when a job
 * runs (a disk not mounted here): then it is {@link SourceException.Kind#UNAVAILABLE}, and the job is retried.
 *
 * @param transportUri what JGit clones and fetches from
 * @param localGitDir  the git directory for a local repository, null for https
 * @param display      the uri as messages show it, without any credentials
 */
record GitLocation(String transportUri, Path localGitDir, String display) {

    private static final Pattern URL_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
    private static final Pattern SCP_LIKE = Pattern.compile("^[^/]+:"); // git's "host:path" ssh shorthand

    boolean isLocal() {
        return localGitDir != null;
    }

    /** The location of a source being added or checked: a missing local repository is INVALID. */
    static GitLocation of(SourceSpec spec) {
        return of(spec, SourceException.Kind.INVALID);
    }

    /** The location of a source a job reads on this node: a missing local repository is UNAVAILABLE here. */
    static GitLocation onThisNode(SourceSpec spec) {
        return of(spec, SourceException.Kind.UNAVAILABLE);
    }

    private static GitLocation of(SourceSpec spec, SourceException.Kind whenMissing) {
        String uri = spec.uri();
        if (uri == null || uri.isBlank()) {
            throw invalid(spec, "has no uri");
        }
        String lower = uri.toLowerCase(Locale.ROOT);
        if (lower.startsWith("https://")) {
            return https(spec, uri);
        }
        if (lower.startsWith("file:")) {
            return local(spec, fileUrlPath(spec, uri), whenMissing);
        }
        if (URL_SCHEME.matcher(uri).find() || SCP_LIKE.matcher(uri).find()) {
            throw invalid(spec, "has an unsupported uri '" + uri
                    + "': only https:// URLs, file:// URLs and local paths are supported");
        }
        try {
            return local(spec, Path.of(uri), whenMissing);
        } catch (InvalidPathException e) {
            throw invalid(spec, "has a uri that is not a valid path: " + e.getMessage(), e);
        }
    }

    /** Opens the local repository itself (not a mirror of it). */
    Repository openLocal(SourceSpec spec) {
        try {
            return new FileRepositoryBuilder().setGitDir(localGitDir.toFile()).setMustExist(true).build();
        } catch (IOException | IllegalArgumentException e) {
            throw invalid(spec, "cannot open the git repository at '" + localGitDir + "': " + e.getMessage(), e);
        }
    }

    private static GitLocation https(SourceSpec spec, String uri) {
        try {
            URI parsed = new URI(uri);
            if (parsed.getHost() == null || parsed.getHost().isBlank()) {
                throw invalid(spec, "has an https uri without a host: '" + withoutCredentials(parsed) + "'");
            }
            return new GitLocation(uri, null, withoutCredentials(parsed));
        } catch (URISyntaxException e) {
            throw invalid(spec, "has a malformed https uri: " + e.getReason() + " at index " + e.getIndex(), e);
        }
    }

    private static Path fileUrlPath(SourceSpec spec, String uri) {
        try {
            return Path.of(new URI(uri));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw invalid(spec, "has a malformed file uri '" + uri + "' (expected file:///absolute/path)", e);
        }
    }

    private static GitLocation local(SourceSpec spec, Path given, SourceException.Kind whenMissing) {
        Path path = given.toAbsolutePath().normalize();
        if (!Files.exists(path)) {
            throw new SourceException(whenMissing, "git source '" + spec.id() + "' points to '" + path
                    + "', which does not exist" + onThisNode(whenMissing));
        }
        Path gitDir = gitDirOf(spec, path, whenMissing);
        return new GitLocation(gitDir.toString(), gitDir, path.toString());
    }

    private static Path gitDirOf(SourceSpec spec, Path path, SourceException.Kind whenMissing) {
        if (Files.exists(path.resolve(".git"))) {
            try {
                // The builder also follows a ".git" file (a linked work tree or a submodule checkout).
                return new FileRepositoryBuilder().setWorkTree(path.toFile()).setup().getGitDir().toPath();
            } catch (IOException | IllegalArgumentException e) {
                throw invalid(spec, "points to '" + path + "', whose .git cannot be read: " + e.getMessage(), e);
            }
        }
        if (RepositoryCache.FileKey.isGitRepository(path.toFile(), FS.DETECTED)) {
            return path;
        }
        throw new SourceException(whenMissing, "git source '" + spec.id() + "' points to '" + path
                + "', which is not a git repository (no .git inside, not a git directory)" + onThisNode(whenMissing));
    }

    private static String onThisNode(SourceException.Kind whenMissing) {
        return whenMissing == SourceException.Kind.UNAVAILABLE
                ? " on this node; the sync is retried later and nothing is removed from the index meanwhile" : "";
    }

    /** An https uri with user and password left out, as messages and the API show it; other uris as they are. */
    static String withoutCredentials(String uri) {
        if (uri == null || !uri.toLowerCase(Locale.ROOT).startsWith("https://")) {
            return uri;
        }
        try {
            return withoutCredentials(new URI(uri));
        } catch (URISyntaxException e) {
            return "https://(unparsable uri)";
        }
    }

    static boolean hasCredentials(String uri) {
        return uri != null && !uri.equals(withoutCredentials(uri));
    }

    private static String withoutCredentials(URI uri) {
        if (uri.getUserInfo() == null) {
            return uri.toString();
        }
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    private static SourceException invalid(SourceSpec spec, String problem) {
        return new SourceException(SourceException.Kind.INVALID, "git source '" + spec.id() + "' " + problem);
    }

    private static SourceException invalid(SourceSpec spec, String problem, Throwable cause) {
        return new SourceException(SourceException.Kind.INVALID, "git source '" + spec.id() + "' " + problem, cause);
    }
}
