package io.syncline.source;

import org.eclipse.jgit.lib.Repository;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Opens sources, and checks a spec or a ref before anything is cloned, so that a mistake is reported when a source is
 * added rather than when its first sync fails. Checking never clones, never fetches objects and never writes.
 */
public final class Sources {

    /** What an https ref check accepts as a possible commit id: it is checked for real when the sync runs. */
    private static final Pattern POSSIBLE_COMMIT_ID = Pattern.compile("[0-9a-fA-F]{7,40}");

    private Sources() {
    }

    /**
     * Opens a source; nothing is fetched until {@link Source#resolve}.
     *
     * @param cacheDir where this one source keeps its local state (a git mirror); created if missing
     */
    public static Source open(SourceSpec spec, Path cacheDir) {
        return switch (requireType(spec)) {
            case GIT -> {
                try {
                    Files.createDirectories(cacheDir);
                    // The copy's time says when a job last used it: copies unused for long are swept.
                    Files.setLastModifiedTime(cacheDir, FileTime.from(Instant.now()));
                } catch (IOException e) {
                    throw new SourceException(SourceException.Kind.UNAVAILABLE,
                            "cannot create the cache directory '" + cacheDir + "' of source '" + spec.id() + "'", e);
                }
                yield new GitSource(spec, cacheDir);
            }
            case FILESYSTEM -> new FilesystemSource(spec);
        };
    }

    /**
     * Checks that a spec can work: a local repository exists and is one, an https repository answers
     * {@code ls-remote}, a directory exists and is readable.
     *
     * @throws SourceException INVALID for a spec that cannot work, UNAVAILABLE when a remote did not answer
     */
    public static void validate(SourceSpec spec) {
        switch (requireType(spec)) {
            case GIT -> {
                GitLocation location = GitLocation.of(spec);
                GitCredentials.check(spec, location);
                if (location.isLocal()) {
                    location.openLocal(spec).close();
                } else {
                    RemoteRefs.of(spec, location);
                }
            }
            case FILESYSTEM -> {
                try (FilesystemSource source = new FilesystemSource(spec)) {
                    String problem = source.rootProblem();
                    if (problem != null) {
                        throw new SourceException(SourceException.Kind.INVALID, problem);
                    }
                }
            }
        }
    }

    /**
     * Checks that a ref (null: the spec's branch) can be synced. A local repository resolves it for real; an https
     * one must advertise it as a branch or tag, or it must look like a commit id (7 to 40 hex digits).
     *
     * @throws SourceException REF_NOT_FOUND for an unknown ref, INVALID for a ref given to a filesystem source
     */
    public static void validateRef(SourceSpec spec, String ref) {
        if (requireType(spec) == SourceType.FILESYSTEM) {
            if (ref != null) {
                throw FilesystemSource.refGiven(spec, ref);
            }
            return;
        }
        String wanted = ref != null ? ref : spec.branch();
        if (wanted == null) {
            return; // the origin's HEAD branch, whatever it is when the sync runs
        }
        GitLocation location = GitLocation.of(spec);
        if (location.isLocal()) {
            try (Repository repository = location.openLocal(spec)) {
                GitRefs.resolve(repository, wanted, spec.id());
            }
            return;
        }
        RemoteRefs remote = RemoteRefs.of(spec, location);
        if (!remote.has(wanted) && !POSSIBLE_COMMIT_ID.matcher(wanted).matches()) {
            throw GitRefs.notFound(wanted, spec.id(), remote.branches(), remote.tags());
        }
    }

    /** A git source's uri as the API may show it: without the user and password an https URL may hold. */
    public static String displayUri(SourceSpec spec) {
        return GitLocation.withoutCredentials(spec.uri());
    }

    /** Whether a git source's uri carries a user or password, which must never be stored or shown. */
    public static boolean hasCredentials(SourceSpec spec) {
        return GitLocation.hasCredentials(spec.uri());
    }

    private static SourceType requireType(SourceSpec spec) {
        if (spec.type() == null) {
            throw new SourceException(SourceException.Kind.INVALID, "source '" + spec.id() + "' has no type");
        }
        return spec.type();
    }
}
