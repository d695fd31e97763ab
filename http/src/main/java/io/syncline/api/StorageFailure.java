package io.syncline.api;

import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.servererrors.QueryValidationException;

/**
 * Tells an outage of Cassandra (no node answered, a timeout, not enough replicas) from a bug in a query. An outage
 * is a 503 that says to try again, and the driver's text (hosts, statements) stays in the node's log.
 */
final class StorageFailure {

    static final String MESSAGE = "the index store (Cassandra) did not answer in time or is unavailable; "
            + "try again shortly";

    private StorageFailure() {
    }

    static boolean isOutage(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof QueryValidationException) {
                return false;
            }
            if (cause instanceof DriverException) {
                return true;
            }
        }
        return false;
    }
}
