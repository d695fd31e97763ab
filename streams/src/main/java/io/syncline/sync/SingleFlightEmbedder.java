package io.syncline.sync;

import io.syncline.embedding.Embedder;
import io.syncline.embedding.EmbeddingResult;
import io.syncline.store.EmbeddingCache;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Embeds texts that missed the cache so that the model sees each text once on this node, however many groups of
 * however many jobs miss it at the same time ({@link InFlightEmbeddings}). For the texts no other group is
 * embedding, it reads the cache once more first: a group that looked a text up before another group's vector was
 * written, and gets here after that flight landed, finds the vector there. It sends the rest to the model in calls of
 * the embedder's batch size, all at once (the endpoint governs the pace), hands each result to the groups waiting for
 * it as soon as the call returns, writes the vectors to the cache, and only then lands their flights.
 *
 * <p>A call that fails fails every group waiting for its texts and lands them, so a later try embeds them again; a
 * text the provider refused is a result like a vector (each waiting document becomes a dead letter) and is not
 * cached. It never decides how a document counts: that is the group's business ({@link GroupEmbedder}).
 */
final class SingleFlightEmbedder {

    private final Embedder embedder;
    private final EmbeddingCache cache;
    private final InFlightEmbeddings flights;

    SingleFlightEmbedder(Embedder embedder, EmbeddingCache cache, InFlightEmbeddings flights) {
        this.embedder = embedder;
        this.cache = cache;
        this.flights = flights;
    }

    /** What the missing texts of a group came to, and which of them this group sent to the model. */
    record Embedded(Map<String, EmbeddingResult> results, Set<String> sentToModel) {
    }

    /** Texts per model call. */
    int batchSize() {
        return embedder.batchSize();
    }

    /** @param missing the texts the group needs that its lookups did not find in the cache, by text hash */
    CompletionStage<Embedded> embed(Map<String, DocumentWork.PendingChunk> missing) {
        InFlightEmbeddings.Claim claim = flights.claim(embedder.modelKey(), missing.keySet());
        CompletableFuture<Embedded> own = claim.owned().isEmpty()
                ? CompletableFuture.completedFuture(new Embedded(Map.of(), Set.of()))
                : embedOwned(claim.owned(), missing);
        CompletableFuture<Void> joined = CompletableFuture.allOf(claim.joined().values()
                .toArray(CompletableFuture[]::new));
        return own.thenCombine(joined, (mine, theirs) -> {
            Map<String, EmbeddingResult> results = new HashMap<>(mine.results());
            claim.joined().forEach((hash, flight) -> results.put(hash, flight.join()));
            return new Embedded(results, mine.sentToModel());
        });
    }

    private CompletableFuture<Embedded> embedOwned(Map<String, CompletableFuture<EmbeddingResult>> owned,
                                                   Map<String, DocumentWork.PendingChunk> missing) {
        String modelKey = embedder.modelKey();
        return started(() -> cache.getAll(modelKey, owned.keySet()))
                .thenCompose(found -> {
                    Map<String, EmbeddingResult> results = new HashMap<>();
                    List<DocumentWork.PendingChunk> toEmbed = new ArrayList<>();
                    owned.forEach((hash, flight) -> {
                        float[] cached = found.get(hash);
                        if (cached != null) {
                            EmbeddingResult vector = new EmbeddingResult.Vector(cached);
                            results.put(hash, vector);
                            flight.complete(vector);
                            flights.land(modelKey, hash, flight);
                        } else {
                            toEmbed.add(missing.get(hash));
                        }
                    });
                    List<CompletableFuture<Map<String, EmbeddingResult>>> calls = new ArrayList<>();
                    for (int from = 0; from < toEmbed.size(); from += batchSize()) {
                        calls.add(call(toEmbed.subList(from, Math.min(toEmbed.size(), from + batchSize())), owned));
                    }
                    return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).thenApply(done -> {
                        calls.forEach(call -> results.putAll(call.join()));
                        Set<String> sent = Set.copyOf(toEmbed.stream().map(DocumentWork.PendingChunk::textHash)
                                .toList());
                        return new Embedded(results, sent);
                    });
                })
                // whatever failed, no flight of this group may stay: its waiters would wait for ever
                .whenComplete((embedded, error) -> {
                    if (error != null) {
                        owned.forEach((hash, flight) -> failAndLand(hash, flight, error));
                    }
                });
    }

    /** One model call: its results go to the waiting groups at once, its vectors to the cache, then it lands. */
    private CompletableFuture<Map<String, EmbeddingResult>> call(List<DocumentWork.PendingChunk> batch,
                                                                 Map<String, CompletableFuture<EmbeddingResult>> owned) {
        String modelKey = embedder.modelKey();
        return started(() -> embedder.embed(batch.stream().map(DocumentWork.PendingChunk::text).toList(),
                        batch.stream().map(DocumentWork.PendingChunk::tokens).toList()))
                .thenCompose(results -> {
                    Map<String, EmbeddingResult> byHash = new HashMap<>();
                    Map<String, float[]> vectors = new HashMap<>();
                    for (int i = 0; i < batch.size(); i++) {
                        String hash = batch.get(i).textHash();
                        EmbeddingResult result = results.get(i);
                        byHash.put(hash, result);
                        owned.get(hash).complete(result);
                        if (result instanceof EmbeddingResult.Vector vector) {
                            vectors.put(hash, vector.values());
                        } else {
                            flights.land(modelKey, hash, owned.get(hash)); // not cached: nothing to wait for
                        }
                    }
                    return started(() -> cache.putAll(modelKey, vectors)).thenApply(written -> byHash);
                })
                .whenComplete((byHash, error) -> batch.forEach(chunk -> {
                    String hash = chunk.textHash();
                    if (error != null) {
                        failAndLand(hash, owned.get(hash), error);
                    } else {
                        flights.land(modelKey, hash, owned.get(hash));
                    }
                }));
    }

    /** Fails a flight's waiters (unless its result was handed over already) and lands it. */
    private void failAndLand(String hash, CompletableFuture<EmbeddingResult> flight, Throwable error) {
        flight.completeExceptionally(error instanceof CompletionException ce && ce.getCause() != null
                ? ce.getCause() : error);
        flights.land(embedder.modelKey(), hash, flight);
    }

    /** The stage a call returns, with an exception it throws at once turned into a failed stage. */
    private static <T> CompletableFuture<T> started(Supplier<CompletionStage<T>> call) {
        try {
            return call.get().toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
