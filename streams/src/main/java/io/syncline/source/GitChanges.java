package io.syncline.source;

import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.util.io.DisabledOutputStream;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The changes between two trees of a repository as the index sees them: a tree diff with rename detection, mapped to
 * upserts and deletions of the files that pass the filter. Each side of an entry counts only when it is a regular or
 * executable file whose path passes the filter, exactly like {@link GitSource#list}. It only reads the repository.
 */
final class GitChanges {

    private GitChanges() {
    }

    static List<Change> between(Repository repository, AnyObjectId fromTree, AnyObjectId toTree, PathFilter filter)
            throws IOException {
        Map<String, Change.Kind> byPath = new TreeMap<>();
        try (DiffFormatter diff = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
            diff.setRepository(repository);
            diff.setDetectRenames(true);
            for (DiffEntry entry : diff.scan(fromTree, toTree)) {
                DiffEntry.ChangeType type = entry.getChangeType();
                boolean oldCounts = type != DiffEntry.ChangeType.ADD && type != DiffEntry.ChangeType.COPY
                        && indexed(entry.getOldMode(), entry.getOldPath(), filter);
                boolean newCounts = type != DiffEntry.ChangeType.DELETE
                        && indexed(entry.getNewMode(), entry.getNewPath(), filter);
                // A copy leaves its source as it was; a rename or modify may also move a file in or out of the filter.
                if (oldCounts) {
                    put(byPath, entry.getOldPath(), Change.Kind.DELETE);
                }
                if (newCounts) {
                    put(byPath, entry.getNewPath(), Change.Kind.UPSERT);
                }
            }
        }
        List<Change> changes = new ArrayList<>(byPath.size());
        byPath.forEach((path, kind) -> changes.add(new Change(path, kind)));
        return changes;
    }

    static boolean indexed(FileMode mode, String path, PathFilter filter) {
        return isFile(mode) && filter.accepts(path);
    }

    /** Symlinks and submodules (gitlinks) are not documents. */
    static boolean isFile(FileMode mode) {
        return mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE;
    }

    // A path both deleted and upserted (a modify, or a file renamed onto a deleted one's path) has new content.
    private static void put(Map<String, Change.Kind> byPath, String path, Change.Kind kind) {
        byPath.merge(path, kind, (a, b) -> a == Change.Kind.UPSERT || b == Change.Kind.UPSERT ? Change.Kind.UPSERT : a);
    }
}
