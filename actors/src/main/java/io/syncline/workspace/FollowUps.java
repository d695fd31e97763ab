package io.syncline.workspace;

import io.syncline.workspace.WorkspaceEvent.GenerationActivated;
import io.syncline.workspace.WorkspaceEvent.SyncStarted;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The events that follow from others, persisted with them in one write: a generation that became complete for
 * every source is activated, and each source whose queue head may now run gets its job started.
 */
final class FollowUps {

    private FollowUps() {
    }

    /** The given events followed by those that follow from them, in order. */
    static List<WorkspaceEvent> with(WorkspaceState state, List<WorkspaceEvent> events, Instant now) {
        List<WorkspaceEvent> all = new ArrayList<>(events);
        WorkspaceState next = state;
        for (WorkspaceEvent event : events) {
            next = next.apply(event);
        }
        if (next.exists() && next.targetComplete()) {
            WorkspaceEvent activated = new GenerationActivated(next.targetGeneration(), next.activeGeneration(), now);
            all.add(activated);
            next = next.apply(activated);
        }
        if (next.exists()) {
            for (Job job : next.startableJobs()) {
                SourceState source = next.sources().get(job.source());
                String generation = next.targetGeneration();
                all.add(new SyncStarted(job.id(), generation, source.syncedRevision(generation), now));
            }
        }
        return all;
    }
}
