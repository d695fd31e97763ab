package io.syncline.source;

import com.typesafe.config.Config;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What this node's operator allows sources: the directories they may read ({@code syncline.sources.allowed-roots};
 * none by default) and the largest file they may load ({@code syncline.sources.max-file-bytes}). A filesystem
 * source's root and a local git repository (its work tree and its git directory) must lie under one of the roots,
 * after symlinks are resolved, and never inside the node's own home, which holds its keys and the mirrors of other
 * workspaces. Checked when a source is added and again before every job, so narrowing the roots stops sources that
 * fall outside, and a lower file limit applies to sources recorded before.
 */
public final class SourcePolicy {

    /** The most an operator may allow: a file is read into memory whole. */
    public static final long MAX_FILE_BYTES_CEILING = 16 * 1024 * 1024;

    private static final Pattern URL_SCHEME_OR_HOST = Pattern.compile("^[^/]+:");

    private final List<Path> roots;
    private final Path home;
    private final long maxFileBytes;

    public SourcePolicy(List<Path> roots, Path home, long maxFileBytes) {
        if (maxFileBytes < 1 || maxFileBytes > MAX_FILE_BYTES_CEILING) {
            throw new IllegalArgumentException("syncline.sources.max-file-bytes must be between 1 and "
                    + MAX_FILE_BYTES_CEILING + " (16 MiB), was " + maxFileBytes);
        }
        this.roots = roots.stream().map(SourcePolicy::real).toList();
        this.home = real(home);
        this.maxFileBytes = maxFileBytes;
    }

    public SourcePolicy(List<Path> roots, Path home) {
        this(roots, home, SourceSpec.DEFAULT_MAX_FILE_BYTES);
    }

    /** The rules of this node's https fetches ({@link GitHttpGuard}). */
    public static GitHttpGuard.Rules gitRules(Config config) {
        return new GitHttpGuard.Rules(Set.copyOf(list(config.getString("syncline.sources.allowed-git-hosts"))),
                config.getDuration("syncline.sources.fetch-deadline"),
                config.getBytes("syncline.sources.max-fetch-bytes"));
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    public static SourcePolicy fromConfig(Config config, Path home) {
        return new SourcePolicy(list(config.getString("syncline.sources.allowed-roots")).stream().map(Path::of)
                .toList(), home, config.getBytes("syncline.sources.max-file-bytes"));
    }

    public List<Path> roots() {
        return roots;
    }

    /** The largest {@code maxFileBytes} a source may ask for. */
    public long maxFileBytes() {
        return maxFileBytes;
    }

    /**
     * The spec a job runs: checked against the roots, its file limit at most the operator's (a source recorded
     * before the limit was lowered, or before there was one, gets the operator's).
     *
     * @throws SourceException INVALID for a local source outside the roots or inside the home
     */
    public SourceSpec apply(SourceSpec spec) {
        check(spec);
        return spec.maxFileBytes() > maxFileBytes ? spec.withMaxFileBytes(maxFileBytes) : spec;
    }

    /**
     * @throws SourceException INVALID for a local source outside the roots or inside the home
     */
    public void check(SourceSpec spec) {
        Path given = localPath(spec);
        if (given == null) {
            return; // a remote repository: its host is checked where it is contacted
        }
        // First by name, so that the answer about a path outside says nothing of whether it exists.
        allowed(spec, given.toAbsolutePath().normalize(), given);
        if (Files.exists(given)) {
            allowed(spec, real(given), given);
            Path dotGit = given.resolve(".git");
            if (spec.type() == SourceType.GIT && Files.isRegularFile(dotGit)) {
                Path linked = linkedGitDir(given, dotGit);
                if (linked != null) {
                    allowed(spec, real(linked), given);
                }
            }
        }
    }

    private void allowed(SourceSpec spec, Path path, Path given) {
        String what = (spec.type() == SourceType.GIT ? "git" : "filesystem") + " source '" + spec.id()
                + "' points to '" + given + "'";
        if (path.startsWith(home)) {
            throw new SourceException(SourceException.Kind.INVALID, what + ", inside this node's own home, which"
                    + " holds its keys and the copies of every workspace's sources; it can never be a source");
        }
        if (roots.isEmpty()) {
            throw new SourceException(SourceException.Kind.INVALID, what + ", but this node may index no local"
                    + " directory: its operator lists those it may in syncline.sources.allowed-roots"
                    + " (SYNCLINE_SOURCES_ALLOWED_ROOTS)");
        }
        if (roots.stream().noneMatch(path::startsWith)) {
            throw new SourceException(SourceException.Kind.INVALID, what + (path.equals(given.toAbsolutePath()
                    .normalize()) ? "" : " (which leads to '" + path + "')") + ", outside the directories this"
                    + " node may index: " + roots.stream().map(Path::toString).collect(Collectors.joining(", "))
                    + " (syncline.sources.allowed-roots)");
        }
    }

    /** The local path a source reads, null for an https repository or a uri no local path can be made of. */
    private static Path localPath(SourceSpec spec) {
        try {
            if (spec.type() == SourceType.FILESYSTEM) {
                return spec.path() == null ? null : Path.of(spec.path());
            }
            String uri = spec.uri();
            if (uri == null) {
                return null;
            }
            if (uri.toLowerCase(Locale.ROOT).startsWith("file:")) {
                return Path.of(new URI(uri));
            }
            // https, and the schemes and scp-like "host:path" that GitLocation refuses with its own message
            return URL_SCHEME_OR_HOST.matcher(uri).find() ? null : Path.of(uri);
        } catch (RuntimeException | URISyntaxException e) {
            return null; // not a path: the source's own checks refuse it
        }
    }

    /** The git directory a {@code .git} file names ("gitdir: PATH"), as a linked work tree has. */
    private static Path linkedGitDir(Path workTree, Path dotGit) {
        try {
            String line = Files.readString(dotGit, StandardCharsets.UTF_8).strip();
            return line.startsWith("gitdir:") ? workTree.resolve(line.substring(7).strip()).normalize() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Path real(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        try {
            return absolute.toRealPath();
        } catch (IOException e) {
            return absolute; // a root that does not exist (yet) allows what will be under it by that name
        }
    }
}
