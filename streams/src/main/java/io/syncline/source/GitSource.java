package io.syncline.source;

import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A git repository as a source. Refs resolve in a bare mirror under the source's cache directory, which
 * {@link #resolve} brings up to date first; files are read from the mirror's objects. It never writes to the origin
 * and never checks files out. Each call opens its own object reader on the shared mirror, so reads may run in
 * parallel; {@link #resolve} and {@link #close} must not overlap other calls (one job at a time owns the source).
 */
public final class GitSource implements Source {

    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final SourceSpec spec;
    private final PathFilter filter;
    private final GitMirror mirror;

    /**
     * Parses and checks the spec's uri (local disk only: a local repository missing on this node is UNAVAILABLE) and
     * opens the mirror if an earlier run cloned it.
     */
    public GitSource(SourceSpec spec, Path cacheDir) {
        this.spec = spec;
        this.filter = PathFilter.of(spec);
        this.mirror = new GitMirror(spec, GitLocation.onThisNode(spec), cacheDir);
    }

    @Override
    public String resolve(String ref) {
        Optional<String> originHead = mirror.update();
        String wanted = ref != null ? ref : spec.branch();
        if (wanted == null) {
            wanted = originHead.map(Repository::shortenRefName).orElseThrow(() -> new SourceException(
                    SourceException.Kind.REF_NOT_FOUND, "git source '" + spec.id() + "' names no branch and the HEAD"
                    + " of its repository is detached: set the source's branch or give a ref"));
        }
        return GitRefs.resolve(mirrorOf(wanted), wanted, spec.id()).name();
    }

    @Override
    public void prepare(String revision) {
        if (!has(revision)) {
            mirror.update();
            if (!has(revision)) {
                throw new SourceException(SourceException.Kind.REVISION_GONE, "revision " + revision
                        + " is no longer in the repository of git source '" + spec.id() + "'");
            }
        }
    }

    private boolean has(String revision) {
        Optional<Repository> repository = mirror.repository();
        if (repository.isEmpty() || !ObjectId.isId(revision)) {
            return false;
        }
        try (ObjectReader reader = repository.get().newObjectReader()) {
            return reader.has(ObjectId.fromString(revision));
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    @Override
    public List<String> list(String revision) {
        Repository repository = mirrorOf(revision);
        try (RevWalk walk = new RevWalk(repository); TreeWalk tree = new TreeWalk(walk.getObjectReader())) {
            tree.addTree(commit(walk, revision).getTree());
            tree.setRecursive(true); // does not enter submodules: their gitlinks are leaves
            List<String> paths = new ArrayList<>();
            while (tree.next()) {
                if (GitChanges.indexed(tree.getFileMode(0), tree.getPathString(), filter)) {
                    paths.add(tree.getPathString());
                }
            }
            paths.sort(Comparator.naturalOrder()); // git's tree order is not String order
            return paths;
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    @Override
    public Optional<List<Change>> changes(String fromRevision, String toRevision) {
        Repository repository = mirrorOf(toRevision);
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit to = commit(walk, toRevision);
            if (!ObjectId.isId(fromRevision) || !walk.getObjectReader().has(ObjectId.fromString(fromRevision))) {
                return Optional.empty(); // rewritten history (or a revision of another source): compare everything
            }
            RevCommit from = commit(walk, fromRevision);
            return Optional.of(GitChanges.between(repository, from.getTree(), to.getTree(), filter));
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    @Override
    public ReadResult read(String revision, String path) {
        Repository repository = mirrorOf(revision);
        try (RevWalk walk = new RevWalk(repository)) {
            ObjectReader reader = walk.getObjectReader();
            try (TreeWalk entry = TreeWalk.forPath(reader, path, commit(walk, revision).getTree())) {
                if (entry == null || !GitChanges.isFile(entry.getFileMode(0))) {
                    return new ReadResult.Skipped(path, ReadResult.Reason.VANISHED,
                            "no file at this path in revision " + revision);
                }
                // Ask the size before opening: JGit's open() already inflates any blob under its stream threshold
                // (50 MiB), while getObjectSize reads only the object's header.
                long size = reader.getObjectSize(entry.getObjectId(0), Constants.OBJ_BLOB);
                Optional<ReadResult> tooLarge = FileContents.tooLarge(path, size, spec.maxFileBytes());
                if (tooLarge.isPresent()) {
                    return tooLarge.get();
                }
                ObjectLoader blob = reader.open(entry.getObjectId(0), Constants.OBJ_BLOB);
                return FileContents.classify(path, blob.getBytes((int) Math.min(spec.maxFileBytes(), MAX_ARRAY)));
            }
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    private Repository mirrorOf(String what) {
        return mirror.repository().orElseThrow(() -> new SourceException(SourceException.Kind.REF_NOT_FOUND,
                "git source '" + spec.id() + "' has not been fetched yet, so '" + what + "' is unknown"));
    }

    private RevCommit commit(RevWalk walk, String revision) throws IOException {
        if (!ObjectId.isId(revision)) {
            throw new IllegalArgumentException("a revision is a full commit id, as resolve returns it: " + revision);
        }
        try {
            return walk.parseCommit(ObjectId.fromString(revision));
        } catch (MissingObjectException | IncorrectObjectTypeException e) {
            throw new SourceException(SourceException.Kind.REF_NOT_FOUND,
                    "revision " + revision + " is not a commit of git source '" + spec.id() + "'", e);
        }
    }

    private SourceException unreadable(IOException e) {
        return new SourceException(SourceException.Kind.UNAVAILABLE,
                "cannot read the mirror of git source '" + spec.id() + "': " + e.getMessage(), e);
    }

    @Override
    public void close() {
        mirror.close();
    }
}
