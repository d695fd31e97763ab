package io.syncline.sync;

import io.syncline.embedding.Embedder;
import io.syncline.embedding.EmbeddingResult;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Embeds the cache misses of a group of documents, in calls of the embedder's batch size: each distinct text once,
 * however many documents of the group share it. The document that needs a text first "owns" it: it counts it as
 * embedded and puts it in the cache; the others count it as reused. A document with a text the provider could not
 * embed becomes a dead letter; the rest of the group goes on.
 */
final class GroupEmbedder {

    private final Embedder embedder;

    GroupEmbedder(Embedder embedder) {
        this.embedder = embedder;
    }

    /** Texts per call, which is also how many misses make a group full. */
    int batchSize() {
        return embedder.batchSize();
    }

    /** The number of texts a document still needs embedded: the weight that fills a group. */
    static long misses(DocumentWork work) {
        if (work.action() != DocumentWork.Action.WRITE) {
            return 0;
        }
        return work.chunks().stream().map(DocumentWork.PendingChunk::textHash).distinct()
                .filter(h -> !work.vectors().containsKey(h)).count();
    }

    CompletionStage<List<DocumentWork>> embed(List<DocumentWork> group) {
        Map<String, DocumentWork.PendingChunk> missing = new LinkedHashMap<>();
        Map<String, Integer> owners = new HashMap<>();
        for (int i = 0; i < group.size(); i++) {
            DocumentWork work = group.get(i);
            if (work.action() != DocumentWork.Action.WRITE) {
                continue;
            }
            for (DocumentWork.PendingChunk chunk : work.chunks()) {
                if (!work.vectors().containsKey(chunk.textHash())
                        && missing.putIfAbsent(chunk.textHash(), chunk) == null) {
                    owners.put(chunk.textHash(), i);
                }
            }
        }
        if (missing.isEmpty()) {
            return CompletableFuture.completedFuture(group);
        }
        return embedAll(new ArrayList<>(missing.values())).thenApply(results -> attach(group, results, owners));
    }

    /** Every missing text, in calls of at most the batch size, all sent at once (the endpoint governs the pace). */
    private CompletionStage<Map<String, EmbeddingResult>> embedAll(List<DocumentWork.PendingChunk> chunks) {
        List<CompletableFuture<Map<String, EmbeddingResult>>> calls = new ArrayList<>();
        for (int from = 0; from < chunks.size(); from += batchSize()) {
            List<DocumentWork.PendingChunk> batch = chunks.subList(from, Math.min(chunks.size(), from + batchSize()));
            calls.add(embedder.embed(batch.stream().map(DocumentWork.PendingChunk::text).toList(),
                            batch.stream().map(DocumentWork.PendingChunk::tokens).toList())
                    .thenApply(results -> {
                        Map<String, EmbeddingResult> byHash = new HashMap<>();
                        for (int i = 0; i < batch.size(); i++) {
                            byHash.put(batch.get(i).textHash(), results.get(i));
                        }
                        return byHash;
                    }).toCompletableFuture());
        }
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).thenApply(done -> {
            Map<String, EmbeddingResult> all = new HashMap<>();
            calls.forEach(call -> all.putAll(call.join()));
            return all;
        });
    }

    private static List<DocumentWork> attach(List<DocumentWork> group, Map<String, EmbeddingResult> results,
                                             Map<String, Integer> owners) {
        List<DocumentWork> attached = new ArrayList<>(group.size());
        for (int i = 0; i < group.size(); i++) {
            DocumentWork work = group.get(i);
            if (work.action() != DocumentWork.Action.WRITE) {
                attached.add(work);
                continue;
            }
            Map<String, float[]> all = new HashMap<>(work.vectors());
            Map<String, float[]> owned = new HashMap<>();
            EmbeddingResult.Failure failure = null;
            for (DocumentWork.PendingChunk chunk : work.chunks()) {
                EmbeddingResult result = results.get(chunk.textHash());
                if (result instanceof EmbeddingResult.Vector vector) {
                    all.put(chunk.textHash(), vector.values());
                    if (owners.get(chunk.textHash()) == i) {
                        owned.put(chunk.textHash(), vector.values());
                    }
                } else if (result instanceof EmbeddingResult.Failure failed && failure == null) {
                    failure = failed;
                }
            }
            attached.add(failure != null ? work.deadLetter(failure) : work.withVectors(all, owned));
        }
        return attached;
    }
}
