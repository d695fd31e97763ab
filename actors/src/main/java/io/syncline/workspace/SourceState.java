package io.syncline.workspace;

import io.syncline.source.SourceSpec;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A source of a workspace and how far it is synced.
 *
 * @param syncedRevisions per index generation, the revision whose content that generation holds for this source
 * @param lastJob         the last job that finished, or null
 * @param retryPaths      documents the last job failed on: the next incremental job tries them again
 */
public record SourceState(SourceSpec spec, Map<String, String> syncedRevisions, String lastJob, Set<String> retryPaths,
                          Instant addedAt) {

    public SourceState {
        syncedRevisions = syncedRevisions == null ? Map.of() : Collections.unmodifiableMap(new HashMap<>(syncedRevisions));
        retryPaths = retryPaths == null ? Set.of() : Collections.unmodifiableSet(new TreeSet<>(retryPaths));
    }

    static SourceState added(SourceSpec spec, Instant at) {
        return new SourceState(spec, Map.of(), null, Set.of(), at);
    }

    String syncedRevision(String generation) {
        return syncedRevisions.get(generation);
    }

    SourceState synced(String generation, String revision, String job, Set<String> retryPaths) {
        Map<String, String> revisions = new HashMap<>(syncedRevisions);
        revisions.put(generation, revision);
        return new SourceState(spec, revisions, job, retryPaths, addedAt);
    }

    SourceState finished(String job) {
        return new SourceState(spec, syncedRevisions, job, retryPaths, addedAt);
    }

    SourceState withoutGeneration(String generation) {
        Map<String, String> revisions = new HashMap<>(syncedRevisions);
        revisions.remove(generation);
        return new SourceState(spec, revisions, lastJob, retryPaths, addedAt);
    }
}
