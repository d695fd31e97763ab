package io.syncline.sync;

import com.datastax.oss.driver.api.core.DriverException;
import io.syncline.source.SourceException;

import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Sorts a document's failure: transient ones (Cassandra, an unreachable source, I/O) fail the whole run, which the
 * workspace entity retries from its last checkpoint; anything else is the document's own problem and fails only
 * that document.
 */
final class Failures {

    private Failures() {
    }

    static boolean isTransient(Throwable error) {
        Throwable cause = unwrap(error);
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
