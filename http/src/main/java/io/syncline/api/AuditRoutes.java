package io.syncline.api;

import io.syncline.auth.Caller;
import io.syncline.store.AuditLog;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/** {@code GET /v1/audit?day=YYYY-MM-DD&limit=N}: the admin actions of a day (UTC, default today), newest first. */
final class AuditRoutes extends AllDirectives {

    static final int MAX_LIMIT = 1000;

    private final AuditLog auditLog;

    AuditRoutes(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    record Entries(String day, List<AuditLog.Entry> entries) {
    }

    Route route(Caller caller) {
        return path("audit", () -> get(() -> {
            Access.requireAllWorkspacesAdmin(caller, "reading the audit log");
            return parameterOptional("day", day -> parameterOptional("limit", limit -> {
                LocalDate date = date(day);
                int max = limit(limit);
                return onSuccess(auditLog.day(date, max), entries -> complete(StatusCodes.OK,
                        new Entries(date.toString(), entries), JsonMarshalling.json()));
            }));
        }));
    }

    private static LocalDate date(Optional<String> day) {
        try {
            return day.map(LocalDate::parse).orElseGet(() -> LocalDate.now(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            throw ApiException.invalid("parameter 'day' must be a date like 2026-12-01, was '"
                    + day.get() + "'");
        }
    }

    private static int limit(Optional<String> limit) {
        try {
            int value = limit.map(Integer::parseInt).orElse(100);
            Require.that(value >= 1 && value <= MAX_LIMIT, "parameter 'limit' must be between 1 and " + MAX_LIMIT
                    + ", was " + value);
            return value;
        } catch (NumberFormatException e) {
            throw ApiException.invalid("parameter 'limit' must be a number between 1 and " + MAX_LIMIT);
        }
    }
}
