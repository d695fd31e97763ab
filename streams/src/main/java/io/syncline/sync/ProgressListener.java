package io.syncline.sync;

import org.apache.pekko.Done;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Where a job run reports to (the workspace entity, which persists each report). The run waits for each returned
 * stage before it reports again, so a checkpoint is never ahead of what was persisted before it.
 */
public interface ProgressListener {

    /** The plan is made: the mode the job runs in and how many paths it will examine. */
    CompletionStage<Done> planned(SyncMode mode, int paths);

    /**
     * Everything up to the checkpoint is done.
     *
     * @param failures documents that failed since the previous checkpoint
     */
    CompletionStage<Done> checkpoint(Checkpoint checkpoint, SyncCounts counts, List<DocumentOutcome> failures);
}
