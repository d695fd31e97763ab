package io.syncline.api;

import io.syncline.store.JournalIds;
import io.syncline.workspace.WorkspaceEntity;
import org.apache.pekko.persistence.typed.PersistenceId;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Whether a workspace was ever created, asked before a request reaches its entity: a request for one that never was
 * is a 404 that starts no entity and writes nothing (starting one costs writes of sharding's remembered entities).
 * An answer "exists" is kept, since a workspace stays once created; "does not exist" is never kept, so a workspace
 * created on another node a moment ago is found at once.
 */
public final class WorkspaceDirectory {

    /** Ids kept at most; past this the set is emptied rather than grown. */
    private static final int MAX_KNOWN = 100_000;

    private final Function<String, CompletionStage<Boolean>> everCreated;
    private final Map<String, Boolean> known = new ConcurrentHashMap<>();

    public WorkspaceDirectory(Function<String, CompletionStage<Boolean>> everCreated) {
        this.everCreated = everCreated;
    }

    /** The directory over the journal itself. */
    public static WorkspaceDirectory onJournal(JournalIds ids) {
        return new WorkspaceDirectory(id -> ids.exists(PersistenceId.of(WorkspaceEntity.ENTITY_KEY.name(), id).id()));
    }

    CompletionStage<Boolean> exists(String id) {
        if (known.containsKey(id)) {
            return CompletableFuture.completedFuture(true);
        }
        return everCreated.apply(id).thenApply(exists -> {
            if (exists) {
                if (known.size() >= MAX_KNOWN) {
                    known.clear();
                }
                known.put(id, true);
            }
            return exists;
        });
    }
}
