package io.syncline.sync;

import io.syncline.source.SourceSpec;

import java.util.List;

/**
 * What a job run needs to know, as the workspace entity persisted it.
 *
 * @param mode         the requested mode (the run may fall back from incremental to full)
 * @param ref          the ref asked for (null: the source's branch), resolved when the job starts
 * @param fromRevision the revision this generation of the index holds for the source, or null
 * @param toRevision   the revision the job syncs to, resolved when the job started
 * @param checkpoint   where an interrupted run of this job stopped ({@link Checkpoint#START} for a new one)
 * @param counts       the totals up to that checkpoint
 * @param paths        the documents a {@link SyncMode#RETRY} job reads; empty for the other modes
 */
public record JobInput(String workspace, String jobId, SourceSpec source, IndexConfig config, SyncMode mode,
                       String ref, String fromRevision, String toRevision, Checkpoint checkpoint, SyncCounts counts,
                       List<String> paths) {

    public JobInput {
        paths = paths == null ? List.of() : List.copyOf(paths);
    }
}
