package io.syncline.auth;

import io.syncline.store.ApiKeyStore;
import io.syncline.store.StoredKey;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API keys as a node checks and manages them. A key read from Cassandra (or found missing) is trusted for
 * {@link AuthSettings#keyCacheTtl()}, so a check costs a read only once per key and interval, and a revocation
 * reaches every node within that interval. The operator's key ({@link AuthSettings#adminKey()}) is checked in
 * memory and never stored. Secrets are never kept, only their hashes.
 */
public final class ApiKeys {

    /** The id the operator's configured key has in audit entries. */
    public static final String OPERATOR_KEY_ID = "operator";
    /** Entries kept at most: ids presented by clients fill it, so it is emptied rather than grown. */
    private static final int MAX_CACHED = 10_000;

    /** A key just made, with the secret that is shown once and then never again. */
    public record NewKey(StoredKey key, String secret) {
    }

    private record Cached(Optional<StoredKey> key, long expiresAtNanos) {
    }

    private final ApiKeyStore store;
    private final long ttlNanos;
    private final Optional<byte[]> operatorKeyHash;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public ApiKeys(ApiKeyStore store, AuthSettings settings) {
        this.store = store;
        this.ttlNanos = settings.keyCacheTtl().toNanos();
        this.operatorKeyHash = settings.adminKey().map(KeySecret::hash);
    }

    public boolean hasOperatorKey() {
        return operatorKeyHash.isPresent();
    }

    /** Who a presented secret belongs to; empty for a secret that is no key's (wrong, revoked, malformed). */
    public CompletionStage<Optional<Caller>> authenticate(String secret) {
        if (operatorKeyHash.isPresent() && MessageDigest.isEqual(KeySecret.hash(secret), operatorKeyHash.get())) {
            return CompletableFuture.completedFuture(Optional.of(
                    new Caller(OPERATOR_KEY_ID, "SYNCLINE_ADMIN_KEY", Role.ADMIN, true, Set.of())));
        }
        Optional<String> id = KeySecret.idOf(secret);
        if (id.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return lookup(id.get()).thenApply(key -> key
                .filter(k -> KeySecret.matches(secret, k.secretHash()))
                .map(ApiKeys::caller));
    }

    public CompletionStage<NewKey> create(String name, Role role, boolean allWorkspaces, Set<String> workspaces,
                                          String createdBy) {
        String id = KeySecret.newId();
        String secret = KeySecret.generate(id);
        StoredKey key = new StoredKey(id, name, role.json(), allWorkspaces, workspaces, KeySecret.hash(secret),
                Instant.now(), createdBy);
        return store.putIfAbsent(key).thenApply(written -> {
            if (!written) {
                // 48 random bits collided with an existing id: vanishingly rare, and asking again makes a new one.
                throw new IllegalStateException("a key with the new id " + id + " exists already; try again");
            }
            cache.remove(id);
            return new NewKey(key, secret);
        });
    }

    public CompletionStage<List<StoredKey>> list() {
        return store.list();
    }

    /** Revokes a key at once on this node, and on the others within the cache interval; false if there was none. */
    public CompletionStage<Boolean> revoke(String id) {
        return store.delete(id).thenApply(existed -> {
            cache.put(id, new Cached(Optional.empty(), System.nanoTime() + ttlNanos));
            return existed;
        });
    }

    private CompletionStage<Optional<StoredKey>> lookup(String id) {
        Cached cached = cache.get(id);
        if (cached != null && System.nanoTime() - cached.expiresAtNanos() < 0) {
            return CompletableFuture.completedFuture(cached.key());
        }
        return store.get(id).thenApply(key -> {
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            cache.put(id, new Cached(key, System.nanoTime() + ttlNanos));
            return key;
        });
    }

    static Caller caller(StoredKey key) {
        return new Caller(key.id(), key.name(), Role.fromJson(key.role()), key.allWorkspaces(), key.workspaces());
    }
}
