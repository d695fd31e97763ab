package io.syncline.sync;

import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.servererrors.QueryValidationException;
import io.syncline.source.SourceException;

import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Sorts a document's failure: transient ones (Cassandra unavailable or timing out, an unreachable source, I/O) fail
 * the whole run, which the workspace entity retries from its last checkpoint; anything else, Cassandra refusing a
 * write as invalid included, is the document's own problem and fails only that document.
 */
final class Failures {

    private Failures() {
    }

    static boolean isTransient(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof QueryValidationException) {
            return false; // Cassandra refused the request itself (too large, invalid): asking again cannot help
        }
        return cause instanceof DriverException
                || cause instanceof IOException
                || cause instanceof SourceException se && se.retryable();
    }

    static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    static String describe(Throwable error) {
        Throwable cause = unwrap(error);
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
