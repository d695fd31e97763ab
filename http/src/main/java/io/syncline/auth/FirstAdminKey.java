package io.syncline.auth;

import io.syncline.store.ApiKeyStore;
import io.syncline.store.StoredKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The admin key a keyspace starts with, so that a new installation can be used at once: when the keyspace has no
 * key and the operator set none, the node makes key {@code admin} and writes its secret to
 * {@code $SYNCLINE_HOME/admin-key} (readable by the node's user only). Nodes starting at once agree through a
 * lightweight transaction; only the one that wrote the key writes the file. A file left from an earlier keyspace is
 * reused, so the key a user has stays valid when the keyspace is made again.
 */
public final class FirstAdminKey {

    public static final String ID = "admin";
    public static final String FILE_NAME = "admin-key";
    private static final Logger log = LoggerFactory.getLogger(FirstAdminKey.class);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private FirstAdminKey() {
    }

    /** Makes the first admin key if the keyspace has none; returns the file that holds a usable admin key, if any. */
    public static Optional<Path> ensure(ApiKeyStore store, Path home) {
        Path file = home.resolve(FILE_NAME);
        Optional<String> fromFile = read(file);
        if (!await(store.list()).isEmpty()) {
            return usable(store, file, fromFile);
        }
        String secret = fromFile.orElseGet(() -> KeySecret.generate(ID));
        StoredKey key = new StoredKey(ID, "first admin key", Role.ADMIN.json(), true, Set.of(),
                KeySecret.hash(secret), Instant.now(), "node");
        if (!await(store.putIfAbsent(key))) {
            return usable(store, file, fromFile); // another node made it a moment ago
        }
        if (fromFile.isEmpty()) {
            write(file, secret);
        }
        log.info("made admin key '{}' for this keyspace; its secret is in {} (readable by this user only). Use it as "
                + "'Authorization: Bearer <secret>' and make keys for people and tools with POST /v1/keys "
                + "(docs/api.md, \"Keys\")", ID, file);
        return Optional.of(file);
    }

    private static Optional<Path> usable(ApiKeyStore store, Path file, Optional<String> fromFile) {
        Optional<StoredKey> admin = await(store.get(ID));
        if (fromFile.isPresent() && admin.isPresent() && KeySecret.matches(fromFile.get(), admin.get().secretHash())) {
            log.info("admin key '{}' is in {}", ID, file);
            return Optional.of(file);
        }
        log.info("this keyspace has API keys already and {} does not hold one of them: use a key you were given, or "
                + "set SYNCLINE_ADMIN_KEY on the nodes (docs/operations.md, \"Keys\")", file);
        return Optional.empty();
    }

    private static Optional<String> read(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return KeySecret.idOf(text).filter(ID::equals).map(id -> text);
        } catch (IOException e) {
            log.warn("cannot read {}: {}", file, e.toString());
            return Optional.empty();
        }
    }

    /** Writes the secret so that no other user can read it at any moment: a private temporary file, then a rename. */
    private static void write(Path file, String secret) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temporary, secret + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the admin key to " + file + ": " + e.getMessage(), e);
        }
    }

    private static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read or write the api_keys table: " + e.getMessage(), e);
        }
    }
}
