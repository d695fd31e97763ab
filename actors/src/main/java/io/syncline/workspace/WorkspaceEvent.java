package io.syncline.workspace;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.syncline.serialization.CborSerializable;
import io.syncline.workspace.journal.AddedInFormat2;

import java.time.Instant;
import java.util.List;

/**
 * What happened to a workspace, as its journal keeps it: small records of ids, scalars and the journal's own value
 * types ({@link IndexSettings}, {@link SourceDefinition}, {@link JobMode}, {@link JobCheckpoint}, {@link JobCounts},
 * {@link FailedDocument}), never the API's or the pipeline's. Every release must read every event any earlier
 * release wrote: a change of shape gets a new schema version and a migration ({@link io.syncline.workspace.journal}),
 * and each version a sample under test resources.
 */
public sealed interface WorkspaceEvent extends CborSerializable {

    record WorkspaceCreated(String workspaceId, IndexSettings config, Instant at) implements WorkspaceEvent {
    }

    record ConfigChanged(IndexSettings config, Instant at) implements WorkspaceEvent {
    }

    record SourceAdded(SourceDefinition spec, Instant at) implements WorkspaceEvent {
    }

    record SourceRemovalStarted(String sourceId, Instant at) implements WorkspaceEvent {
    }

    record SourceRemoved(String sourceId, Instant at) implements WorkspaceEvent {
    }

    /** @param paths the documents of a retry job; null for the other modes */
    record SyncQueued(String jobId, String source, JobMode mode, String ref, List<String> paths, Instant at)
            implements WorkspaceEvent {
    }

    record SyncStarted(String jobId, String generation, String fromRevision, Instant at) implements WorkspaceEvent {
    }

    record SyncTargetResolved(String jobId, String toRevision) implements WorkspaceEvent {
    }

    record SyncPlanned(String jobId, JobMode mode, int paths) implements WorkspaceEvent {
    }

    /** The job's revision was gone from the repository: it starts over, in full, towards {@code toRevision}. */
    record SyncRetargeted(String jobId, String lostRevision, String toRevision, Instant at) implements WorkspaceEvent {
    }

    /**
     * A checkpoint of a running job: its position, its totals, the documents that failed since the last one.
     *
     * @param at when the checkpoint was taken; added in version 2 (journal format 2), null in events of version 1
     */
    record SyncProgressed(String jobId, JobCheckpoint checkpoint, JobCounts counts, List<FailedDocument> failures,
                          @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = AddedInFormat2.class)
                          Instant at) implements WorkspaceEvent {
    }

    record SyncAttemptFailed(String jobId, String error, Instant at) implements WorkspaceEvent {
    }

    record SyncCompleted(String jobId, JobCounts counts, Instant at) implements WorkspaceEvent {
    }

    record SyncFailed(String jobId, String error, Instant at) implements WorkspaceEvent {
    }

    record GenerationActivated(String generation, String previous, Instant at) implements WorkspaceEvent {
    }

    record GenerationDiscarded(String generation, Instant at) implements WorkspaceEvent {
    }

    record GenerationRetired(String generation, Instant at) implements WorkspaceEvent {
    }

    /**
     * The workspace is being deleted: its unfinished jobs are cancelled, every source is being removed, and once
     * nothing of it is left in the index its journal is deleted. New in 0.2.0: written only when no node of the
     * cluster runs an earlier release, which could not read it.
     */
    record WorkspaceDeletionStarted(Instant at) implements WorkspaceEvent {
    }
}
