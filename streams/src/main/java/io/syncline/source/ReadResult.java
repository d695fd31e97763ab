package io.syncline.source;

/** What reading one file of a revision gave: its text, or why it is not indexed. */
public sealed interface ReadResult {

    String path();

    /**
     * A text file.
     *
     * @param contentHash hex SHA-256 of the file's bytes as stored in the source
     */
    record Text(String path, String text, String contentHash) implements ReadResult {
    }

    /** A file that exists but is not indexed; it is counted as skipped, never dropped silently. */
    record Skipped(String path, Reason reason, String detail) implements ReadResult {
    }

    enum Reason {
        BINARY,
        TOO_LARGE,
        /** Listed, but gone when read: a filesystem source changed under the sync. */
        VANISHED
    }
}
