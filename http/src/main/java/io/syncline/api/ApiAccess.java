package io.syncline.api;

import com.datastax.oss.driver.api.core.CqlSession;
import com.typesafe.config.Config;
import io.syncline.auth.ApiKeys;
import io.syncline.auth.AuthSettings;
import io.syncline.auth.KeyRateLimits;
import io.syncline.store.ApiKeyStore;
import io.syncline.store.AuditLog;
import io.syncline.store.KeyWorkspaces;

/**
 * Everything the API needs to decide who may do what: the keys and their rates, the audit log, the workspaces each
 * key made (for its quota) and the rules on hosts and browsers.
 */
public record ApiAccess(ApiKeys keys, KeyRateLimits rateLimits, AuditLog auditLog, KeyWorkspaces keyWorkspaces,
                        AuthSettings auth, HttpSettings http) {

    public static ApiAccess of(CqlSession session, String keyspace, ApiKeyStore keyStore, Config config) {
        AuthSettings auth = AuthSettings.fromConfig(config);
        return new ApiAccess(new ApiKeys(keyStore, auth), new KeyRateLimits(auth.requestsPerSecond(), auth.burst()),
                new AuditLog(session, keyspace), new KeyWorkspaces(session, keyspace), auth,
                HttpSettings.fromConfig(config));
    }
}
