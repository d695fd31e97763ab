package io.syncline.source;

/** One path that differs between two revisions: its new content must be indexed, or its document removed. */
public record Change(String path, Kind kind) {

    public enum Kind {
        /** The path exists at the new revision with new or changed content. */
        UPSERT,
        /** The path is gone at the new revision (deleted, renamed away or no longer passing the filters). */
        DELETE
    }

    public static Change upsert(String path) {
        return new Change(path, Kind.UPSERT);
    }

    public static Change delete(String path) {
        return new Change(path, Kind.DELETE);
    }
}
