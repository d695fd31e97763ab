package io.syncline.sync;

import org.apache.pekko.Done;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A progress listener that keeps what a workspace entity would persist, and can refuse the n-th checkpoint to cut
 * a run short the way a crash would (what was acknowledged before stays, nothing after).
 */
final class RecordingListener implements ProgressListener {

    private final int failAtCheckpoint;
    private final List<Checkpoint> checkpoints = new ArrayList<>();
    private final List<SyncCounts> counts = new ArrayList<>();
    private final List<DocumentOutcome> failures = new ArrayList<>();
    private SyncMode plannedMode;
    private int plannedPaths = -1;

    RecordingListener() {
        this(Integer.MAX_VALUE);
    }

    RecordingListener(int failAtCheckpoint) {
        this.failAtCheckpoint = failAtCheckpoint;
    }

    @Override
    public synchronized CompletionStage<Done> planned(SyncMode mode, int paths) {
        plannedMode = mode;
        plannedPaths = paths;
        return CompletableFuture.completedFuture(Done.getInstance());
    }

    @Override
    public synchronized CompletionStage<Done> checkpoint(Checkpoint checkpoint, SyncCounts now,
                                                         List<DocumentOutcome> newFailures) {
        if (checkpoints.size() + 1 >= failAtCheckpoint) {
            return CompletableFuture.failedFuture(new IllegalStateException("cut short at checkpoint "
                    + (checkpoints.size() + 1)));
        }
        checkpoints.add(checkpoint);
        counts.add(now);
        failures.addAll(newFailures);
        return CompletableFuture.completedFuture(Done.getInstance());
    }

    synchronized Checkpoint lastCheckpoint() {
        return checkpoints.isEmpty() ? Checkpoint.START : checkpoints.get(checkpoints.size() - 1);
    }

    synchronized SyncCounts lastCounts() {
        return counts.isEmpty() ? SyncCounts.ZERO : counts.get(counts.size() - 1);
    }

    synchronized int checkpointCount() {
        return checkpoints.size();
    }

    synchronized SyncMode plannedMode() {
        return plannedMode;
    }

    synchronized int plannedPaths() {
        return plannedPaths;
    }

    synchronized List<DocumentOutcome> failures() {
        return List.copyOf(failures);
    }
}
