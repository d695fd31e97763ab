package io.syncline.api;

import io.syncline.auth.ApiKeys;
import io.syncline.auth.Caller;
import io.syncline.auth.Role;
import io.syncline.store.StoredKey;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /v1/keys} (the secret is in this answer only), {@code GET /v1/keys} (never a secret) and
 * {@code DELETE /v1/keys/{id}}; all need an admin key of every workspace, and each is audited.
 */
final class KeyRoutes extends AllDirectives {

    static final String ALL_WORKSPACES = "*";
    static final int MAX_NAME_LENGTH = 100;
    static final int MAX_WORKSPACES = 1000;

    private final ApiKeys keys;
    private final Audit audit;
    private final Duration revocationDelay;

    KeyRoutes(ApiKeys keys, Audit audit, Duration revocationDelay) {
        this.keys = keys;
        this.audit = audit;
        this.revocationDelay = revocationDelay;
    }

    record CreateKeyBody(String name, String role, List<String> workspaces) {
    }

    /** A key as the API shows it: {@code workspaces} is {@code ["*"]} for a key of every workspace. */
    record KeyJson(String id, String name, String role, List<String> workspaces, Instant createdAt,
                   String createdBy) {

        static KeyJson of(StoredKey key) {
            return new KeyJson(key.id(), key.name(), key.role(),
                    key.allWorkspaces() ? List.of(ALL_WORKSPACES) : key.workspaces().stream().sorted().toList(),
                    key.createdAt(), key.createdBy());
        }
    }

    record NewKeyJson(String id, String name, String role, List<String> workspaces, Instant createdAt,
                      String createdBy, String secret, String note) {
    }

    record KeysJson(List<KeyJson> keys) {
    }

    Route route(Caller caller) {
        return pathPrefix("keys", () -> concat(
                pathEndOrSingleSlash(() -> concat(
                        post(() -> audit.audited(caller, "key.create", "", () -> {
                            Access.requireAllWorkspacesAdmin(caller, "creating a key");
                            return JsonRequest.body(body -> create(caller, body));
                        })),
                        get(() -> {
                            Access.requireAllWorkspacesAdmin(caller, "listing keys");
                            return onSuccess(keys.list(), all -> complete(StatusCodes.OK, new KeysJson(all.stream()
                                    .sorted(Comparator.comparing(StoredKey::createdAt)).map(KeyJson::of).toList()),
                                    JsonMarshalling.json()));
                        }))),
                path(PathMatchers.segment(), id -> delete(() -> audit.audited(caller, "key.revoke", id, () -> {
                    Access.requireAllWorkspacesAdmin(caller, "revoking a key");
                    return revoke(id);
                })))));
    }

    private Route create(Caller caller, String body) {
        CreateKeyBody request = JsonBody.parse(body, CreateKeyBody.class);
        String name = Require.present(request.name(), "name");
        Require.that(name.length() <= MAX_NAME_LENGTH, "field 'name' must be at most " + MAX_NAME_LENGTH
                + " characters, was " + name.length());
        Role role;
        try {
            role = Role.fromJson(Require.present(request.role(), "role"));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("field 'role' " + e.getMessage());
        }
        List<String> workspaces = request.workspaces();
        Require.that(workspaces != null && !workspaces.isEmpty(), "field 'workspaces' is required: the workspace"
                + " ids the key reaches, or [\"" + ALL_WORKSPACES + "\"] for every workspace");
        Require.that(workspaces.size() <= MAX_WORKSPACES, "field 'workspaces' may list at most " + MAX_WORKSPACES
                + " workspaces, had " + workspaces.size());
        boolean all = workspaces.contains(ALL_WORKSPACES);
        Require.that(!all || workspaces.size() == 1, "field 'workspaces' is either [\"" + ALL_WORKSPACES
                + "\"] or a list of workspace ids, not both");
        Set<String> ids = new LinkedHashSet<>();
        if (!all) {
            workspaces.forEach(w -> ids.add(Require.id(w, "workspaces")));
        }
        return onSuccess(keys.create(name, role, all, ids, caller.keyId()), created -> {
            StoredKey key = created.key();
            KeyJson shown = KeyJson.of(key);
            return complete(StatusCodes.CREATED, new NewKeyJson(shown.id(), shown.name(), shown.role(),
                    shown.workspaces(), shown.createdAt(), shown.createdBy(), created.secret(),
                    "the secret is shown only in this answer: store it now; send it as 'Authorization: Bearer "
                            + "<secret>'"), JsonMarshalling.json());
        });
    }

    private Route revoke(String id) {
        if (ApiKeys.OPERATOR_KEY_ID.equals(id)) {
            throw ApiException.invalid("key 'operator' is the operator's SYNCLINE_ADMIN_KEY: change or unset it on"
                    + " the nodes and restart them");
        }
        return onSuccess(keys.revoke(id), existed -> {
            if (!existed) {
                throw ApiException.notFound("key '" + id + "' does not exist");
            }
            return complete(StatusCodes.OK, Map.of("revoked", id, "note", "refused at once on this node and within "
                    + revocationDelay.toSeconds() + " s on every other node"), JsonMarshalling.json());
        });
    }
}
