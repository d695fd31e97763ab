package io.syncline.api;

import io.syncline.auth.Caller;
import io.syncline.store.AuditLog;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * Admin actions (keys, workspaces, config) recorded with the key that asked and the status it got, refusals
 * included, in the {@code audit_log} table and the node's log. A failed write of the record is logged and does not
 * fail the request: the action has happened by then.
 */
final class Audit extends AllDirectives {

    private static final Logger log = LoggerFactory.getLogger("io.syncline.audit");

    private final AuditLog auditLog;

    Audit(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    /**
     * @param action what was asked ("workspace.create"); {@code target} what it was asked of (an id)
     */
    Route audited(Caller caller, String action, String target, Supplier<Route> inner) {
        return mapResponse(response -> {
            int status = response.status().intValue();
            log.info("{} {} by key {}: {}", action, target, caller.keyId(), status);
            auditLog.record(caller.keyId(), action, target, status).exceptionally(error -> {
                log.warn("could not record {} {} by key {} in the audit log: {}", action, target,
                        caller.keyId(), error.toString());
                return null;
            });
            return response;
        }, () -> handleExceptions(ApiErrors.exceptions(), inner));
    }
}
