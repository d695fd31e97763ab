package io.syncline.workspace;

import io.syncline.workspace.WorkspaceEntity.Event;
import io.syncline.workspace.WorkspaceEntity.GenerationActivated;
import io.syncline.workspace.WorkspaceEntity.SyncStarted;

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
    static List<Event> with(WorkspaceState state, List<Event> events, Instant now) {
        List<Event> all = new ArrayList<>(events);
        WorkspaceState next = state;
        for (Event event : events) {
            next = next.apply(event);
        }
        if (next.exists() && next.targetComplete()) {
            Event activated = new GenerationActivated(next.targetGeneration(), next.activeGeneration(), now);
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
