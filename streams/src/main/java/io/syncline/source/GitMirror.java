package io.syncline.source;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.lib.SubmoduleConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.FileUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A source's bare mirror of its origin under the source's cache directory: cloned on first use, then fetched (every
 * branch and tag, forced, deleted refs pruned) so its {@code refs/heads} and {@code refs/tags} equal the origin's. It
 * never writes to the origin, never checks files out, and never runs gc, so commits a force push dropped stay readable.
 */
final class GitMirror implements AutoCloseable {

    static final String DIRECTORY = "mirror.git";
    private static final String REMOTE = "origin";
    private static final List<RefSpec> REFSPECS = List.of(
            new RefSpec("+refs/heads/*:refs/heads/*"), new RefSpec("+refs/tags/*:refs/tags/*"));
    /** Seconds without progress before a clone or fetch gives up (JGit's timeout is per read, not in total). */
    private static final int TRANSPORT_TIMEOUT_SECONDS = 60;

    private final SourceSpec spec;
    private final GitLocation location;
    private final Path directory;
    private volatile Repository repository; // null until the first clone

    GitMirror(SourceSpec spec, GitLocation location, Path cacheDir) {
        this.spec = spec;
        this.location = location;
        this.directory = cacheDir.resolve(DIRECTORY);
        if (RepositoryCache.FileKey.isGitRepository(directory.toFile(), FS.DETECTED)) {
            try {
                this.repository = open(); // the spec's uri may have changed since the clone: open() rewrites it
            } catch (IOException e) {
                throw new SourceException(SourceException.Kind.UNAVAILABLE,
                        "cannot open the mirror of git source '" + spec.id() + "' at '" + directory + "'", e);
            }
        }
    }

    /** The mirror, if it was ever cloned. Safe to read from several threads. */
    Optional<Repository> repository() {
        return Optional.ofNullable(repository);
    }

    /**
     * Clones or fetches, then answers the branch the origin's HEAD names (a full ref name), empty when the origin's
     * HEAD is detached.
     */
    synchronized Optional<String> update() {
        if (location.isLocal() && !Files.isDirectory(location.localGitDir())) {
            throw new SourceException(SourceException.Kind.UNAVAILABLE, "git source '" + spec.id() + "' points to '"
                    + location.localGitDir() + "', which does not exist on this node; the sync is retried later and "
                    + "nothing is removed from the index meanwhile");
        }
        try {
            if (repository == null) {
                repository = GitHttpGuard.during(location, this::cloneMirror);
            } else {
                GitHttpGuard.during(location, () -> {
                    fetch();
                    return null;
                });
            }
            Ref head = repository.exactRef(Constants.HEAD);
            return head != null && head.isSymbolic() ? Optional.of(head.getTarget().getName()) : Optional.empty();
        } catch (GitAPIException | JGitInternalException e) {
            throw GitErrors.fromTransport(spec, location, repository == null ? "clone" : "fetch", e);
        } catch (IOException e) {
            throw new SourceException(SourceException.Kind.UNAVAILABLE,
                    "cannot update the mirror of git source '" + spec.id() + "' at '" + directory + "'", e);
        }
    }

    private Repository cloneMirror() throws GitAPIException, IOException {
        // A directory that is not a repository is what a crashed clone leaves behind: clone again from scratch.
        FileUtils.delete(directory.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING);
        Files.createDirectories(directory.getParent());
        // The bare clone sets the mirror's HEAD to the origin's HEAD branch.
        Git.cloneRepository().setURI(location.transportUri()).setDirectory(directory.toFile())
                .setCredentialsProvider(GitCredentials.forFetch(spec, location)).setBare(true).setCloneAllBranches(true).setTagOption(TagOpt.FETCH_TAGS)
                .setTimeout(TRANSPORT_TIMEOUT_SECONDS).call().close();
        return open();
    }

    private Repository open() throws IOException {
        Repository mirror = new FileRepositoryBuilder().setGitDir(directory.toFile()).setMustExist(true).build();
        try {
            configureOrigin(mirror);
            return mirror;
        } catch (IOException e) {
            mirror.close();
            throw e;
        }
    }

    private void fetch() throws GitAPIException, IOException {
        FetchResult result = Git.wrap(repository).fetch().setRemote(REMOTE).setRefSpecs(REFSPECS)
                .setCredentialsProvider(GitCredentials.forFetch(spec, location))
                .setTagOpt(TagOpt.NO_TAGS).setForceUpdate(true).setRemoveDeletedRefs(true)
                .setRecurseSubmodules(SubmoduleConfig.FetchRecurseSubmodulesMode.NO)
                .setTimeout(TRANSPORT_TIMEOUT_SECONDS).call();
        Ref originHead = result.getAdvertisedRef(Constants.HEAD);
        if (originHead != null && originHead.isSymbolic()) {
            // The origin's default branch may have changed since the clone; keep the mirror's HEAD in step.
            RefUpdate update = repository.updateRef(Constants.HEAD);
            update.disableRefLog();
            update.link(originHead.getTarget().getName());
        }
    }

    /** Writes the remote's url and refspecs, so that a plain {@code git fetch} in the mirror does what we do. */
    private void configureOrigin(Repository mirror) throws IOException {
        StoredConfig config = mirror.getConfig();
        config.setString("remote", REMOTE, "url", location.transportUri());
        config.setStringList("remote", REMOTE, "fetch", REFSPECS.stream().map(RefSpec::toString).toList());
        config.setString("remote", REMOTE, "tagopt", "--no-tags");
        config.save();
    }

    @Override
    public synchronized void close() {
        if (repository != null) {
            repository.close();
            repository = null;
        }
    }
}
