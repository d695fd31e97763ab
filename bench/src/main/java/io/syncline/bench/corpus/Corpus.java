package io.syncline.bench.corpus;

import io.syncline.source.TestRepo;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The text of a benchmark: a bare git repository (branch {@code main}) and the files at its head. It is either
 * generated from a seed (the same seed gives the same files and commit ids) or copied from a repository the user
 * names. Changes are real commits that edit files, so a resync reads a real git diff.
 */
public final class Corpus implements AutoCloseable {

    /** Files larger than this are not copied from a repository (Syncline skips them too, by default). */
    private static final int MAX_COPIED_BYTES = 1024 * 1024;

    private final TestRepo repo;
    private final Map<String, String> files;
    private final Random random;
    private String head;

    private Corpus(TestRepo repo, Map<String, String> files, String head, long seed) {
        this.repo = repo;
        this.files = files;
        this.head = head;
        this.random = new Random(seed ^ 0x5eedL);
    }

    /**
     * {@code documents} generated files committed in four steps, so the repository has a history like a project's
     * (about a third Markdown, a third Java, the rest Python and TypeScript; sizes log-normal around 2.2 KB).
     */
    public static Corpus generate(Path location, int documents, long seed) {
        TestRepo repo = TestRepo.bare(location);
        Map<String, String> files = new TreeMap<>();
        String head = null;
        int steps = Math.min(4, documents);
        for (int step = 0; step < steps; step++) {
            TestRepo.Snapshot snapshot = repo.on("main");
            for (int i = step * documents / steps; i < (step + 1) * documents / steps; i++) {
                GeneratedFile file = GeneratedFile.of(seed, i);
                snapshot.file(file.path(), file.text());
                files.put(file.path(), file.text());
            }
            head = snapshot.commit();
        }
        return new Corpus(repo, files, head, seed);
    }

    /**
     * The text files at the head of an existing repository (a git directory or a work tree), committed as one
     * commit of a new repository, on which changes can then be made without touching the original.
     */
    public static Corpus copyOf(Path repository, Path location, long seed) {
        Map<String, String> files = readHead(repository);
        TestRepo repo = TestRepo.bare(location);
        TestRepo.Snapshot snapshot = repo.on("main");
        files.forEach(snapshot::file);
        return new Corpus(repo, files, snapshot.commit(), seed);
    }

    /** What a source's {@code uri} names: the bare repository. */
    public String uri() {
        return repo.location().toString();
    }

    public String head() {
        return head;
    }

    public Map<String, String> files() {
        return Collections.unmodifiableMap(files);
    }

    public long bytes() {
        return bytes(files.keySet());
    }

    /** The UTF-8 size of the given files. */
    public long bytes(Collection<String> paths) {
        return paths.stream().mapToLong(p -> files.get(p).getBytes(StandardCharsets.UTF_8).length).sum();
    }

    /** Edits {@code share} of the files (at least one) in one commit: a few lines of each replaced by new ones. */
    public List<String> change(double share) {
        List<String> paths = new ArrayList<>(files.keySet());
        Collections.shuffle(paths, random);
        List<String> changed = paths.subList(0, Math.max(1, (int) Math.round(share * paths.size())));
        TestRepo.Snapshot snapshot = repo.on("main");
        for (String path : changed) {
            String edited = Edit.apply(files.get(path), path, random);
            snapshot.file(path, edited);
            files.put(path, edited);
        }
        head = snapshot.commit();
        return List.copyOf(changed);
    }

    /** Writes the given files at the head into {@code directory} (for tools that read a directory). */
    public Path checkout(Path directory, Collection<String> paths) throws IOException {
        for (String path : paths) {
            Path file = directory.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, files.get(path));
        }
        return directory;
    }

    @Override
    public void close() {
        repo.close();
    }

    private static Map<String, String> readHead(Path location) {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment();
        if (Files.isDirectory(location.resolve(".git"))) {
            builder.setWorkTree(location.toFile());
        } else {
            builder.setGitDir(location.toFile());
        }
        Map<String, String> files = new TreeMap<>();
        try (Repository repository = builder.setMustExist(true).build(); RevWalk walk = new RevWalk(repository);
             TreeWalk tree = new TreeWalk(repository)) {
            ObjectId head = repository.resolve(Constants.HEAD);
            if (head == null) {
                throw new IllegalArgumentException(location + " has no commit at HEAD");
            }
            tree.addTree(walk.parseCommit(head).getTree());
            tree.setRecursive(true);
            while (tree.next()) {
                if (tree.getFileMode(0) != FileMode.REGULAR_FILE && tree.getFileMode(0) != FileMode.EXECUTABLE_FILE) {
                    continue;
                }
                var blob = repository.open(tree.getObjectId(0));
                if (blob.getSize() > MAX_COPIED_BYTES) {
                    continue;
                }
                byte[] content = blob.getBytes();
                if (!binary(content)) {
                    files.put(tree.getPathString(), new String(content, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the repository at " + location + ": " + e.getMessage(), e);
        }
        return files;
    }

    private static boolean binary(byte[] content) {
        for (int i = 0; i < Math.min(content.length, 8000); i++) {
            if (content[i] == 0) {
                return true;
            }
        }
        return false;
    }
}
