package io.syncline.source;

import java.util.List;

/**
 * Decides which repository-relative paths ({@code /}-separated, no leading slash) a source indexes: a path passes when
 * it matches one include glob and no exclude glob. In a glob, {@code *} and {@code ?} stay within one path segment and
 * {@code **} spans directories; every other character is literal. It never touches the disk.
 */
public final class PathFilter {

    private final List<Glob> includes;
    private final List<Glob> excludes;
    /** The directories that excludes ending in {@code /**} leave out whole. */
    private final List<Glob> excludedDirectories;
    private final boolean skipGitDirectories;

    private PathFilter(List<String> include, List<String> exclude, boolean skipGitDirectories) {
        this.includes = include.stream().map(Glob::compile).toList();
        this.excludes = exclude.stream().map(Glob::compile).toList();
        this.excludedDirectories = exclude.stream().filter(glob -> glob.endsWith("/**"))
                .map(glob -> Glob.compile(glob.substring(0, glob.length() - 3))).toList();
        this.skipGitDirectories = skipGitDirectories;
    }

    /** The filter of a source's spec; a filesystem source also leaves out everything inside {@code .git}. */
    public static PathFilter of(SourceSpec spec) {
        return new PathFilter(spec.include(), spec.exclude(), spec.type() == SourceType.FILESYSTEM);
    }

    public boolean accepts(String path) {
        if (skipGitDirectories && isInsideGitDirectory(path)) {
            return false;
        }
        return matchesAny(includes, path) && !matchesAny(excludes, path);
    }

    /**
     * True when no path under this directory can pass, so a walk need not enter it (which also spares it reading
     * directories the user excluded because they are huge or unreadable).
     */
    public boolean excludesDirectory(String directory) {
        if (skipGitDirectories && (directory.equals(".git") || directory.endsWith("/.git"))) {
            return true;
        }
        return matchesAny(excludedDirectories, directory);
    }

    private static boolean matchesAny(List<Glob> patterns, String path) {
        for (Glob glob : patterns) {
            if (glob.matches(path)) {
                return true;
            }
        }
        return false;
    }

    // A git directory (of the tree itself or of a nested checkout) holds objects and config, never documents.
    private static boolean isInsideGitDirectory(String path) {
        return path.startsWith(".git/") || path.contains("/.git/");
    }
}
