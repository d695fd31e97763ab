package io.syncline.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;

/**
 * A directory tree as a source. A filesystem keeps no history: a revision only names the state of the files' paths,
 * sizes and modification times, every call reads the files as they are now, and there is never a change list, so a
 * sync compares everything. It never writes, and never reads outside the root (not even through a symlink).
 *
 * <p>A root that is missing or unreadable on the node running the job (not mounted there, say) fails the run as
 * {@link SourceException.Kind#UNAVAILABLE}, to be retried: a missing root is not an empty tree, and reading it as one
 * would make a full sync sweep every document of the source from the index.
 */
public final class FilesystemSource implements Source {

    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final SourceSpec spec;
    private final Path root;
    private final FileTree tree;

    public FilesystemSource(SourceSpec spec) {
        this.spec = spec;
        this.root = rootOf(spec);
        this.tree = new FileTree(root, PathFilter.of(spec));
    }

    private static Path rootOf(SourceSpec spec) {
        if (spec.path() == null || spec.path().isBlank()) {
            throw new SourceException(SourceException.Kind.INVALID, "filesystem source '" + spec.id() + "' has no path");
        }
        try {
            return Path.of(spec.path()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new SourceException(SourceException.Kind.INVALID,
                    "filesystem source '" + spec.id() + "' has an invalid path: " + e.getMessage(), e);
        }
    }

    @Override
    public String resolve(String ref) {
        if (ref != null) {
            throw refGiven(spec, ref);
        }
        return FileTree.revision(walk());
    }

    static SourceException refGiven(SourceSpec spec, String ref) {
        return new SourceException(SourceException.Kind.INVALID, "filesystem sources have no refs: source '"
                + spec.id() + "' was given '" + ref + "'; sync it without a ref");
    }

    /** The files as they are now: a filesystem cannot show an older revision. */
    /** A directory has only its present state: nothing to fetch. */
    @Override
    public void prepare(String revision) {
    }

    @Override
    public List<String> list(String revision) {
        return walk().stream().map(FileTree.Entry::path).toList();
    }

    @Override
    public Optional<List<Change>> changes(String fromRevision, String toRevision) {
        return Optional.empty();
    }

    @Override
    public ReadResult read(String revision, String path) {
        Path file = root.resolve(path).normalize();
        if (!file.startsWith(root) || file.equals(root)) {
            throw new IllegalArgumentException("path '" + path + "' is not inside source '" + spec.id() + "'");
        }
        try {
            Path real = file.toRealPath();
            BasicFileAttributes attrs = Files.readAttributes(real, BasicFileAttributes.class);
            // Reading a fifo would block forever; a symlink may have been pointed outside the root since the listing.
            if (!attrs.isRegularFile() || !real.startsWith(root.toRealPath())) {
                return vanished(path, "no longer a regular file inside the source");
            }
            Optional<ReadResult> tooLarge = FileContents.tooLarge(path, attrs.size(), spec.maxFileBytes());
            if (tooLarge.isPresent()) {
                return tooLarge.get();
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(real)) {
                // Read one byte past the limit: the file may have grown since its size was checked.
                bytes = in.readNBytes((int) Math.min(spec.maxFileBytes(), MAX_ARRAY - 1) + 1);
            }
            return FileContents.tooLarge(path, bytes.length, spec.maxFileBytes())
                    .orElseGet(() -> FileContents.classify(path, bytes));
        } catch (NoSuchFileException e) {
            requireRoot(); // the file, or the whole tree (an unmount): only the first is a deletion
            return vanished(path, "deleted since it was listed");
        } catch (IOException e) {
            throw new SourceException(SourceException.Kind.UNAVAILABLE,
                    "cannot read '" + path + "' of filesystem source '" + spec.id() + "': " + e, e);
        }
    }

    private static ReadResult vanished(String path, String detail) {
        return new ReadResult.Skipped(path, ReadResult.Reason.VANISHED, detail);
    }

    private List<FileTree.Entry> walk() {
        requireRoot();
        try {
            return tree.walk();
        } catch (IOException e) {
            throw new SourceException(SourceException.Kind.UNAVAILABLE,
                    "cannot list filesystem source '" + spec.id() + "' at '" + root + "': " + e, e);
        }
    }

    /** Fails (retryably) unless the root is a readable directory on this node now. */
    void requireRoot() {
        String problem = rootProblem();
        if (problem != null) {
            throw new SourceException(SourceException.Kind.UNAVAILABLE, problem + " on this node; the sync is "
                    + "retried later and nothing is removed from the index meanwhile");
        }
    }

    /** What is wrong with the root now, or null: a message that names it. */
    String rootProblem() {
        if (!Files.isDirectory(root)) {
            return "filesystem source '" + spec.id() + "' points to '" + root + "', which "
                    + (Files.exists(root) ? "is not a directory" : "does not exist");
        }
        if (!Files.isReadable(root) || !Files.isExecutable(root)) {
            return "filesystem source '" + spec.id() + "' points to '" + root + "', which is not readable";
        }
        return null;
    }

    @Override
    public void close() {
        // Nothing is held open between calls.
    }
}
