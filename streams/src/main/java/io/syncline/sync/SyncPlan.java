package io.syncline.sync;

import io.syncline.source.Change;

import java.util.List;

/**
 * The work of one job: the paths to upsert or delete, in path order, and for a full sync the sweep of indexed
 * documents the source no longer has.
 *
 * @param mode    the mode the job actually runs in (an incremental request may have to run in full)
 * @param changes sorted by path, one per path
 */
public record SyncPlan(SyncMode mode, List<Change> changes) {

    public SyncPlan {
        changes = List.copyOf(changes);
    }

    public boolean sweeps() {
        return mode == SyncMode.FULL;
    }
}
