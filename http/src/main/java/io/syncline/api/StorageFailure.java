package io.syncline.api;

import com.datastax.oss.driver.api.core.DriverException;
import io.syncline.sync.FailureKind;

/**
 * Tells an outage of Cassandra (no node answered, a timeout, not enough replicas) from a bug in a query. An outage
 * is a 503 that says to try again, and the driver's text (hosts, statements) stays in the node's log.
 */
final class StorageFailure {

    static final String MESSAGE = "the index store (Cassandra) did not answer in time or is unavailable; "
            + "try again shortly";

    private StorageFailure() {
    }

    /** A failure of Cassandra that may pass by itself ({@link FailureKind#TRANSIENT}). */
    static boolean isOutage(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof DriverException) {
                return FailureKind.of(cause) == FailureKind.TRANSIENT;
            }
        }
        return false;
    }
}
