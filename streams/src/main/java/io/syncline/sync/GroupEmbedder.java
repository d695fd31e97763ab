package io.syncline.sync;

import io.syncline.embedding.Embedder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Embeds the cache misses of a group of documents in batches: each distinct text once, however many documents of
 * the group share it. The document that needs a text first "owns" it: it counts it as embedded and puts it in the
 * cache; the others count it as reused.
 */
final class GroupEmbedder {

    private final Embedder embedder;
    private final int batchSize;
    private final Executor embedding;

    GroupEmbedder(Embedder embedder, int batchSize, Executor embedding) {
        this.embedder = embedder;
        this.batchSize = batchSize;
        this.embedding = embedding;
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
        Map<String, String> textsByHash = new LinkedHashMap<>();
        Map<String, Integer> owners = new HashMap<>();
        for (int i = 0; i < group.size(); i++) {
            DocumentWork work = group.get(i);
            if (work.action() != DocumentWork.Action.WRITE) {
                continue;
            }
            for (DocumentWork.PendingChunk chunk : work.chunks()) {
                if (!work.vectors().containsKey(chunk.textHash())
                        && textsByHash.putIfAbsent(chunk.textHash(), chunk.text()) == null) {
                    owners.put(chunk.textHash(), i);
                }
            }
        }
        if (textsByHash.isEmpty()) {
            return CompletableFuture.completedFuture(group);
        }
        return CompletableFuture.supplyAsync(() -> embedAll(textsByHash), embedding)
                .thenApply(vectors -> attach(group, vectors, owners));
    }

    private Map<String, float[]> embedAll(Map<String, String> textsByHash) {
        List<String> hashes = new ArrayList<>(textsByHash.keySet());
        Map<String, float[]> vectors = new HashMap<>();
        for (int from = 0; from < hashes.size(); from += batchSize) {
            List<String> batch = hashes.subList(from, Math.min(hashes.size(), from + batchSize));
            List<float[]> embedded = embedder.embedAll(batch.stream().map(textsByHash::get).toList());
            for (int i = 0; i < batch.size(); i++) {
                vectors.put(batch.get(i), embedded.get(i));
            }
        }
        return vectors;
    }

    private static List<DocumentWork> attach(List<DocumentWork> group, Map<String, float[]> vectors,
                                             Map<String, Integer> owners) {
        List<DocumentWork> result = new ArrayList<>(group.size());
        for (int i = 0; i < group.size(); i++) {
            DocumentWork work = group.get(i);
            if (work.action() != DocumentWork.Action.WRITE) {
                result.add(work);
                continue;
            }
            Map<String, float[]> all = new HashMap<>(work.vectors());
            Map<String, float[]> owned = new HashMap<>();
            for (DocumentWork.PendingChunk chunk : work.chunks()) {
                float[] vector = vectors.get(chunk.textHash());
                if (vector != null) {
                    all.put(chunk.textHash(), vector);
                    if (owners.get(chunk.textHash()) == i) {
                        owned.put(chunk.textHash(), vector);
                    }
                }
            }
            result.add(work.withVectors(all, owned));
        }
        return result;
    }
}
