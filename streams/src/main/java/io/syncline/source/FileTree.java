package io.syncline.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;

/**
 * The regular files under a directory that pass a filter, with their size and modification time: a walk of metadata
 * only, never of contents. Symlinks are followed only while their targets stay inside the root, a symlink loop is
 * walked once, and directories the filter excludes whole are not entered.
 */
final class FileTree {

    /** One file: its root-relative path with {@code /} separators, size in bytes and last modification. */
    record Entry(String path, long size, long lastModifiedMillis) {
    }

    private final Path root;
    private final PathFilter filter;

    FileTree(Path root, PathFilter filter) {
        this.root = root;
        this.filter = filter;
    }

    /** The files, sorted by path (String order). */
    List<Entry> walk() throws IOException {
        Path realRoot = root.toRealPath();
        List<Entry> entries = new ArrayList<>();
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                        if (dir.equals(root)) {
                            return FileVisitResult.CONTINUE;
                        }
                        return insideRoot(dir) && !filter.excludesDirectory(relative(dir))
                                ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        String path = relative(file);
                        // attrs describe a symlink's target; a broken link or a fifo is not a regular file.
                        if (attrs.isRegularFile() && filter.accepts(path) && insideRoot(file)) {
                            entries.add(new Entry(path, attrs.size(), attrs.lastModifiedTime().toMillis()));
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                        if (e instanceof FileSystemLoopException || e instanceof NoSuchFileException) {
                            return FileVisitResult.CONTINUE; // a loop is walked once; a file deleted meanwhile is gone
                        }
                        throw e;
                    }

                    // The walk only enters directories inside the root, so only a symlink can lead outside.
                    private boolean insideRoot(Path path) throws IOException {
                        try {
                            return !Files.isSymbolicLink(path) || path.toRealPath().startsWith(realRoot);
                        } catch (NoSuchFileException e) {
                            return false; // deleted while we walked
                        }
                    }
                });
        entries.sort(Comparator.comparing(Entry::path));
        return entries;
    }

    private String relative(Path path) {
        StringBuilder relative = new StringBuilder();
        for (Path name : root.relativize(path)) {
            if (!relative.isEmpty()) {
                relative.append('/');
            }
            relative.append(name);
        }
        return relative.toString();
    }

    /** A short, stable name for the state of the files: it changes when a path, a size or a modification time does. */
    static String revision(List<Entry> entries) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Entry entry : entries) {
                digest.update((entry.path() + '\0' + entry.size() + '\0' + entry.lastModifiedMillis() + '\n')
                        .getBytes(StandardCharsets.UTF_8));
            }
            return "fs-" + HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
