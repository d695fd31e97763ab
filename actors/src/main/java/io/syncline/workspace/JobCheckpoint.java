package io.syncline.workspace;

import io.syncline.sync.Checkpoint;

/**
 * How far a job got, as events and state hold it (see {@link Checkpoint}): every path up to {@code lastPath} of the
 * phase is done. The JSON names are 0.1's.
 */
public record JobCheckpoint(Phase phase, String lastPath) {

    public enum Phase {
        DOCUMENTS,
        SWEEP
    }

    public static final JobCheckpoint START = new JobCheckpoint(Phase.DOCUMENTS, null);

    public static JobCheckpoint of(Checkpoint checkpoint) {
        return new JobCheckpoint(Phase.valueOf(checkpoint.phase().name()), checkpoint.lastPath());
    }

    public Checkpoint toCheckpoint() {
        return new Checkpoint(Checkpoint.Phase.valueOf(phase.name()), lastPath);
    }
}
