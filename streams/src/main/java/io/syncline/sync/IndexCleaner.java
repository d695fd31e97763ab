package io.syncline.sync;

import io.syncline.store.ChunkStore;
import io.syncline.store.DocumentRef;
import org.apache.pekko.Done;
import org.apache.pekko.stream.javadsl.Sink;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Deletes what the index holds for one source in one generation: every document's chunks, then its row, page by
 * page. Idempotent: a cleanup cut short is simply run again.
 */
public final class IndexCleaner {

    private final IndexServices services;

    public IndexCleaner(IndexServices services) {
        this.services = services;
    }

    public CompletionStage<Done> deleteSource(String workspace, String generation, String source) {
        return services.documents().list(workspace, generation, source)
                .mapAsync(services.settings().storeParallelism(), doc -> {
                    DocumentRef ref = new DocumentRef(workspace, generation, source, doc.path());
                    return deleteChunks(ref).thenCompose(done -> services.documents().delete(ref));
                })
                .runWith(Sink.ignore(), services.system());
    }

    /** Deletes the dead letters of a source: a removed source has nothing left to retry. */
    public CompletionStage<Done> deleteDeadLetters(String workspace, String source) {
        return services.deadLetters().list(workspace)
                .filter(letter -> letter.source().equals(source))
                .mapAsync(services.settings().storeParallelism(),
                        letter -> services.deadLetters().delete(workspace, letter.id()))
                .runWith(Sink.ignore(), services.system());
    }

    /** The chunks may be in any vector table: the generation's config (and so its dimension) is not kept. */
    private CompletionStage<Void> deleteChunks(DocumentRef ref) {
        CompletionStage<Void> all = CompletableFuture.completedFuture(null);
        for (int dimension : services.dimensions()) {
            ChunkStore chunks = services.chunks(dimension);
            all = all.thenCompose(done -> chunks.deleteDocument(ref));
        }
        return all;
    }
}
