package io.syncline.sync;

import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.servererrors.QueryValidationException;
import io.syncline.source.SourceException;

import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * The one vocabulary of failures that the pipeline, the sync runner and the routes share:
 * <ul>
 *     <li>{@link #TRANSIENT}: may pass by itself (Cassandra unavailable or timing out, a source or provider that did
 *     not answer, I/O). A run that meets one stops and resumes from its checkpoint after a backoff; a request that
 *     meets one answers 503 with Retry-After.</li>
 *     <li>{@link #DOCUMENT}: one document cannot be indexed (it cannot be read, chunked or embedded, or Cassandra
 *     refuses its rows as invalid). It becomes a dead letter and the job goes on.</li>
 *     <li>{@link #PERMANENT}: waiting will not help (a source definition that cannot work, a ref that does not
 *     exist, a query Cassandra refuses, a bug). The job fails.</li>
 * </ul>
 */
public enum FailureKind {
    TRANSIENT,
    DOCUMENT,
    PERMANENT;

    /** The kind of a failure of a whole run or request: transient or permanent. */
    public static FailureKind of(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof SourceException se) {
            return se.kind() == SourceException.Kind.UNAVAILABLE ? TRANSIENT : PERMANENT;
        }
        if (cause instanceof QueryValidationException) {
            return PERMANENT; // Cassandra refused the request itself (too large, invalid): asking again cannot help
        }
        return cause instanceof DriverException || cause instanceof IOException || cause instanceof TimeoutException
                ? TRANSIENT : PERMANENT;
    }

    /** The kind of a failure met while indexing one document: transient, or the document's own problem. */
    public static FailureKind ofDocument(Throwable error) {
        return of(error) == TRANSIENT ? TRANSIENT : DOCUMENT;
    }

    /** The failure itself, without the wrappers of the futures it travelled through. */
    public static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** A failure as a job or a dead letter shows it: its type and message. */
    public static String describe(Throwable error) {
        Throwable cause = unwrap(error);
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
