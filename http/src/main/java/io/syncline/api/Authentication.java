package io.syncline.api;

import io.syncline.auth.ApiKeys;
import io.syncline.auth.Caller;
import io.syncline.auth.KeyRateLimits;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The key check in front of every {@code /v1} route: {@code Authorization: Bearer <key>}, or 401 with
 * {@code WWW-Authenticate} and a message that says what to send. The answer never tells a wrong key from a revoked
 * one.
 */
final class Authentication extends AllDirectives {

    /** Longer values are no key: they are refused before anything is hashed or read. */
    private static final int MAX_KEY_LENGTH = 256;
    private static final String SCHEME = "Bearer ";

    private final ApiKeys keys;
    private final KeyRateLimits limits;

    Authentication(ApiKeys keys, KeyRateLimits limits) {
        this.keys = keys;
        this.limits = limits;
    }

    Route authenticated(Function<Caller, Route> inner) {
        return optionalHeaderValueByName("Authorization", header -> {
            if (header.isEmpty()) {
                throw unauthorized(null, "this route needs an API key: send 'Authorization: Bearer <key>'"
                        + " (docs/api.md, \"Keys\")");
            }
            String value = header.get();
            if (!value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
                throw unauthorized("invalid_request", "the Authorization header must be 'Bearer <key>'");
            }
            String secret = value.substring(SCHEME.length()).strip();
            if (secret.isEmpty() || secret.length() > MAX_KEY_LENGTH) {
                throw unauthorized("invalid_token", "the API key is not valid: unknown, revoked or mistyped");
            }
            return onSuccess(keys.authenticate(secret), caller -> {
                Caller known = caller.orElseThrow(() ->
                        unauthorized("invalid_token", "the API key is not valid: unknown, revoked or mistyped"));
                OptionalLong wait = limits.acquire(known.keyId());
                if (wait.isPresent()) {
                    throw new ApiException(StatusCodes.TOO_MANY_REQUESTS, "rate_limited", "key '" + known.keyId()
                            + "' sent more than " + limits.perSecond() + " requests a second to this node"
                            + " (syncline.auth.requests-per-second); try again in " + wait.getAsLong() + " s",
                            List.of(RawHeader.create("Retry-After", String.valueOf(wait.getAsLong()))));
                }
                return inner.apply(known);
            });
        });
    }

    private static ApiException unauthorized(String error, String message) {
        String challenge = "Bearer realm=\"syncline\"" + (error == null ? "" : ", error=\"" + error + "\"");
        return new ApiException(StatusCodes.UNAUTHORIZED, "unauthorized", message,
                List.of(RawHeader.create("WWW-Authenticate", challenge)));
    }
}
