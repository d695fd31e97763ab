package io.syncline.sync;

import io.syncline.source.Change;
import io.syncline.source.Source;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decides what a job must look at. Incremental: the source's diff from the last synced revision, plus its dead
 * letters. Full: every file of the target revision, then a sweep. Retry: the given paths. Blocking (it lists and
 * diffs through the source).
 */
final class SyncPlanner {

    private SyncPlanner() {
    }

    /**
     * @param fromRevision the revision the index holds for this generation, or null if it holds none
     * @param retryPaths   the source's dead letters (incremental), or the documents to read (retry)
     */
    static SyncPlan plan(Source source, SyncMode requested, String fromRevision, String toRevision,
                         Collection<String> retryPaths) {
        if (requested == SyncMode.RETRY) {
            return new SyncPlan(SyncMode.RETRY, new TreeSet<>(retryPaths).stream().map(Change::upsert).toList());
        }
        if (requested == SyncMode.INCREMENTAL && fromRevision != null) {
            Optional<List<Change>> diff = source.changes(fromRevision, toRevision);
            if (diff.isPresent()) {
                TreeMap<String, Change> byPath = new TreeMap<>();
                retryPaths.forEach(p -> byPath.put(p, Change.upsert(p)));
                diff.get().forEach(c -> byPath.put(c.path(), c));
                return new SyncPlan(SyncMode.INCREMENTAL, List.copyOf(byPath.values()));
            }
        }
        return new SyncPlan(SyncMode.FULL, source.list(toRevision).stream().map(Change::upsert).toList());
    }
}
