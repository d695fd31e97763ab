package io.syncline.sync;

/**
 * How far a job got, as persisted by the workspace entity: documents are processed in path order, so every path up
 * to {@code lastPath} is done. A resumed job skips them; redoing a document after the checkpoint is harmless,
 * because writing a document is idempotent.
 */
public record Checkpoint(Phase phase, String lastPath) {

    public enum Phase {
        /** Upserting and deleting the planned paths. */
        DOCUMENTS,
        /** Full syncs only: removing indexed documents the source no longer has. */
        SWEEP
    }

    public static final Checkpoint START = new Checkpoint(Phase.DOCUMENTS, null);

    /** True when the path was processed before this checkpoint was taken. */
    public boolean covers(String path) {
        return phase == Phase.SWEEP || (lastPath != null && path.compareTo(lastPath) <= 0);
    }
}
