package io.syncline.sync;

import io.syncline.embedding.EmbeddingResult;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Embeds the cache misses of a group of documents: each distinct text once, however many documents of the group
 * share it, and through the node's single flight ({@link SingleFlightEmbedder}), so also once however many other
 * groups need it at the same time. Of the texts this group sent to the model, the first document that needs one and
 * is written "owns" it and counts it as embedded; every other document counts it as reused, and so do all documents
 * for a text another group embedded. A document with a text the provider could not embed becomes a dead letter; the
 * rest of the group goes on.
 */
final class GroupEmbedder {

    private final SingleFlightEmbedder embedder;

    GroupEmbedder(SingleFlightEmbedder embedder) {
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
        for (DocumentWork work : group) {
            if (work.action() != DocumentWork.Action.WRITE) {
                continue;
            }
            for (DocumentWork.PendingChunk chunk : work.chunks()) {
                if (!work.vectors().containsKey(chunk.textHash())) {
                    missing.putIfAbsent(chunk.textHash(), chunk);
                }
            }
        }
        if (missing.isEmpty()) {
            return CompletableFuture.completedFuture(group);
        }
        return embedder.embed(missing).thenApply(embedded -> attach(group, embedded));
    }

    private static List<DocumentWork> attach(List<DocumentWork> group, SingleFlightEmbedder.Embedded embedded) {
        Map<String, EmbeddingResult> results = embedded.results();
        List<EmbeddingResult.Failure> failures = new ArrayList<>(group.size());
        for (DocumentWork work : group) {
            failures.add(work.action() == DocumentWork.Action.WRITE ? firstFailure(work, results) : null);
        }
        Set<String> unowned = new HashSet<>(embedded.sentToModel());
        List<DocumentWork> attached = new ArrayList<>(group.size());
        for (int i = 0; i < group.size(); i++) {
            DocumentWork work = group.get(i);
            if (work.action() != DocumentWork.Action.WRITE) {
                attached.add(work);
            } else if (failures.get(i) != null) {
                attached.add(work.deadLetter(failures.get(i)));
            } else {
                Map<String, float[]> all = new HashMap<>(work.vectors());
                Map<String, float[]> owned = new HashMap<>();
                for (DocumentWork.PendingChunk chunk : work.chunks()) {
                    if (results.get(chunk.textHash()) instanceof EmbeddingResult.Vector vector
                            && !work.vectors().containsKey(chunk.textHash())) {
                        all.put(chunk.textHash(), vector.values());
                        if (unowned.remove(chunk.textHash())) {
                            owned.put(chunk.textHash(), vector.values());
                        }
                    }
                }
                attached.add(work.withVectors(all, owned));
            }
        }
        return attached;
    }

    /** The first refusal among the texts the document did not find in the cache, or null. */
    private static EmbeddingResult.Failure firstFailure(DocumentWork work, Map<String, EmbeddingResult> results) {
        for (DocumentWork.PendingChunk chunk : work.chunks()) {
            if (!work.vectors().containsKey(chunk.textHash())
                    && results.get(chunk.textHash()) instanceof EmbeddingResult.Failure failure) {
                return failure;
            }
        }
        return null;
    }
}
