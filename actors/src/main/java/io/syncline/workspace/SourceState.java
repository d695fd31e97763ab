package io.syncline.workspace;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * A source of a workspace and how far it is synced.
 *
 * @param syncedRevisions per index generation, the revision whose content that generation holds for this source
 * @param lastJob         the last job that finished, or null
 */
public record SourceState(SourceDefinition spec, Map<String, String> syncedRevisions, String lastJob, Instant addedAt) {

    public SourceState {
        syncedRevisions = syncedRevisions == null ? Map.of() : Collections.unmodifiableMap(new HashMap<>(syncedRevisions));
    }

    static SourceState added(SourceDefinition spec, Instant at) {
        return new SourceState(spec, Map.of(), null, at);
    }

    String syncedRevision(String generation) {
        return syncedRevisions.get(generation);
    }

    SourceState synced(String generation, String revision, String job) {
        Map<String, String> revisions = new HashMap<>(syncedRevisions);
        revisions.put(generation, revision);
        return new SourceState(spec, revisions, job, addedAt);
    }

    SourceState finished(String job) {
        return new SourceState(spec, syncedRevisions, job, addedAt);
    }

    SourceState withoutGeneration(String generation) {
        Map<String, String> revisions = new HashMap<>(syncedRevisions);
        revisions.remove(generation);
        return new SourceState(spec, revisions, lastJob, addedAt);
    }
}
