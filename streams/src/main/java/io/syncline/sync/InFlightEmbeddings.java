package io.syncline.sync;

import io.syncline.embedding.EmbeddingResult;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The texts this node is embedding right now, by (model key, text hash), shared by every job on the node: a group
 * that misses the cache for a text another group is already embedding waits for that call instead of making its own,
 * so that a text is sent to the model once however many documents and workspaces need it at the same time.
 *
 * <p>A flight is claimed before its model call and landed once its vector can be read from the embedding cache (or
 * its call failed): between the two, every other group that needs the text joins it. It never holds a text longer
 * than that, so its size is bounded by the texts in flight. It never calls a model or the cache itself.
 */
final class InFlightEmbeddings {

    private record Key(String modelKey, String textHash) {
    }

    private final Map<Key, CompletableFuture<EmbeddingResult>> flights = new ConcurrentHashMap<>();

    /**
     * What a group found for its missing texts: the flights it now owns (it must embed those texts, complete the
     * futures and land them) and the flights of other groups it joins (their futures complete with the result).
     */
    record Claim(Map<String, CompletableFuture<EmbeddingResult>> owned,
                 Map<String, CompletableFuture<EmbeddingResult>> joined) {
    }

    Claim claim(String modelKey, Collection<String> textHashes) {
        Map<String, CompletableFuture<EmbeddingResult>> owned = new LinkedHashMap<>();
        Map<String, CompletableFuture<EmbeddingResult>> joined = new LinkedHashMap<>();
        for (String hash : textHashes) {
            CompletableFuture<EmbeddingResult> mine = new CompletableFuture<>();
            CompletableFuture<EmbeddingResult> theirs = flights.putIfAbsent(new Key(modelKey, hash), mine);
            if (theirs == null) {
                owned.put(hash, mine);
            } else {
                joined.put(hash, theirs);
            }
        }
        return new Claim(owned, joined);
    }

    /** Ends an owned flight: groups that need the text from now on must find it in the cache, or embed it again. */
    void land(String modelKey, String textHash, CompletableFuture<EmbeddingResult> flight) {
        flights.remove(new Key(modelKey, textHash), flight);
    }

    /** Texts in flight now. */
    int size() {
        return flights.size();
    }
}
