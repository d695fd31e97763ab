package io.syncline.source;

/**
 * A source could not be read; the kind says what the API answers and, through {@link io.syncline.sync.FailureKind},
 * whether asking again can help (only {@link Kind#UNAVAILABLE} is transient).
 */
public class SourceException extends RuntimeException {

    public enum Kind {
        /** The source's definition cannot work: no such directory, not a git repository, a malformed URL. */
        INVALID,
        /** The ref names no branch, tag or commit of the repository. */
        REF_NOT_FOUND,
        /**
         * A revision a job resolved earlier is no longer in the repository (a force push dropped it, and this node's
         * mirror never had it): the job resolves its ref again and runs in full.
         */
        REVISION_GONE,
        /** The source may work later: the remote did not answer, the network failed. */
        UNAVAILABLE
    }

    private final Kind kind;

    public SourceException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public SourceException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
