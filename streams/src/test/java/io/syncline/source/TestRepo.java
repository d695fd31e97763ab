package io.syncline.source;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

/**
 * A git repository built by a test with JGit. Commits go straight into the object database (no work tree, no index),
 * so a test can commit symlinks, submodules and binary files on any platform and in a few lines.
 */
public final class TestRepo implements AutoCloseable {

    private static final ObjectId SUBMODULE_COMMIT = ObjectId.fromString("0123456789abcdef0123456789abcdef01234567");

    private final Repository repository;
    private final Path location;
    private long clock = 1_700_000_000L;

    private TestRepo(Repository repository, Path location) {
        this.repository = repository;
        this.location = location;
    }

    /** A bare repository; its location is its git directory. */
    public static TestRepo bare(Path dir) {
        return init(Git.init().setBare(true).setDirectory(dir.toFile()), dir);
    }

    /** A repository with a work tree; its location is the work tree, which holds {@code .git}. */
    public static TestRepo withWorkTree(Path dir) {
        return init(Git.init().setDirectory(dir.toFile()), dir);
    }

    private static TestRepo init(org.eclipse.jgit.api.InitCommand init, Path location) {
        try (Git git = init.setInitialBranch("main").call()) {
            Repository repository = git.getRepository();
            repository.incrementOpen(); // outlive git.close()
            return new TestRepo(repository, location);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path location() {
        return location;
    }

    public Repository repository() {
        return repository;
    }

    /** The next commit on a branch, starting from the branch's files (none if the branch does not exist). */
    public Snapshot on(String branch) {
        ObjectId tip = id(Constants.R_HEADS + branch);
        return new Snapshot(branch, tip);
    }

    /** The next commit on a branch, starting from any commit: a rewrite of the branch when that is not its tip. */
    public Snapshot onTopOf(String branch, String commitId) {
        return new Snapshot(branch, ObjectId.fromString(commitId));
    }

    public void lightweightTag(String name, String commitId) {
        setRef(Constants.R_TAGS + name, ObjectId.fromString(commitId));
    }

    public void annotatedTag(String name, String commitId) {
        try (Git git = Git.wrap(repository); RevWalk walk = new RevWalk(repository)) {
            git.tag().setName(name).setAnnotated(true).setMessage("release " + name)
                    .setTagger(ident()).setObjectId(walk.parseCommit(ObjectId.fromString(commitId))).call();
        } catch (GitAPIException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String tagObjectId(String name) {
        return id(Constants.R_TAGS + name).name();
    }

    public void setHead(String branch) {
        try {
            repository.updateRef(Constants.HEAD).link(Constants.R_HEADS + branch);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void deleteBranch(String branch) {
        try {
            RefUpdate update = repository.updateRef(Constants.R_HEADS + branch);
            update.setForceUpdate(true);
            update.delete();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ObjectId id(String refName) {
        try {
            Ref ref = repository.exactRef(refName);
            return ref == null ? null : ref.getObjectId();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void setRef(String name, ObjectId id) {
        try {
            RefUpdate update = repository.updateRef(name);
            update.setNewObjectId(id);
            update.setForceUpdate(true);
            RefUpdate.Result result = update.update();
            if (result == RefUpdate.Result.REJECTED || result == RefUpdate.Result.LOCK_FAILURE) {
                throw new IllegalStateException("cannot set " + name + ": " + result);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private PersonIdent ident() {
        return new PersonIdent("Test", "test@example.org", Instant.ofEpochSecond(clock++), ZoneOffset.UTC);
    }

    @Override
    public void close() {
        repository.close();
    }

    /** The files of the commit being built, keyed by path. */
    public final class Snapshot {
        private record Entry(FileMode mode, byte[] content, ObjectId id) {
        }

        private final String branch;
        private final ObjectId parent;
        private final Map<String, Entry> entries = new TreeMap<>();

        private Snapshot(String branch, ObjectId parent) {
            this.branch = branch;
            this.parent = parent;
            if (parent != null) {
                try (RevWalk walk = new RevWalk(repository); TreeWalk tree = new TreeWalk(repository)) {
                    tree.addTree(walk.parseCommit(parent).getTree());
                    tree.setRecursive(true);
                    while (tree.next()) {
                        entries.put(tree.getPathString(), new Entry(tree.getFileMode(0), null, tree.getObjectId(0)));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }

        public Snapshot file(String path, String text) {
            return file(path, text.getBytes(StandardCharsets.UTF_8));
        }

        public Snapshot file(String path, byte[] content) {
            entries.put(path, new Entry(FileMode.REGULAR_FILE, content, null));
            return this;
        }

        public Snapshot executable(String path, String text) {
            entries.put(path, new Entry(FileMode.EXECUTABLE_FILE, text.getBytes(StandardCharsets.UTF_8), null));
            return this;
        }

        public Snapshot symlink(String path, String target) {
            entries.put(path, new Entry(FileMode.SYMLINK, target.getBytes(StandardCharsets.UTF_8), null));
            return this;
        }

        public Snapshot submodule(String path) {
            entries.put(path, new Entry(FileMode.GITLINK, null, SUBMODULE_COMMIT));
            return this;
        }

        public Snapshot delete(String path) {
            if (entries.remove(path) == null) {
                throw new IllegalArgumentException("no file " + path);
            }
            return this;
        }

        public Snapshot move(String from, String to) {
            Entry entry = entries.remove(from);
            if (entry == null) {
                throw new IllegalArgumentException("no file " + from);
            }
            entries.put(to, entry);
            return this;
        }

        /** Writes the commit, moves the branch to it (forced) and answers its id. */
        public String commit() {
            try (ObjectInserter inserter = repository.newObjectInserter()) {
                DirCache index = DirCache.newInCore();
                DirCacheBuilder builder = index.builder();
                for (Map.Entry<String, Entry> e : entries.entrySet()) {
                    DirCacheEntry entry = new DirCacheEntry(e.getKey());
                    entry.setFileMode(e.getValue().mode());
                    entry.setObjectId(e.getValue().id() != null ? e.getValue().id()
                            : inserter.insert(Constants.OBJ_BLOB, e.getValue().content()));
                    builder.add(entry);
                }
                builder.finish();
                CommitBuilder commit = new CommitBuilder();
                commit.setTreeId(index.writeTree(inserter));
                if (parent != null) {
                    commit.setParentId(parent);
                }
                commit.setAuthor(ident());
                commit.setCommitter(ident());
                commit.setMessage("change on " + branch);
                ObjectId id = inserter.insert(commit);
                inserter.flush();
                setRef(Constants.R_HEADS + branch, id);
                return id.name();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
