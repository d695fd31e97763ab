package io.syncline.search;

import io.syncline.embedding.Embedder;
import io.syncline.store.ChunkStore;
import io.syncline.store.SearchHit;
import io.syncline.sync.IndexServices;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Answers searches: the query is embedded by the workspace's embedder (a remote provider that is down fails the
 * search at once, it does not wait), then one ANN query goes to the chunk table, filtered to the workspace's
 * generation and, when asked, to a source and a directory.
 */
public final class SearchService {

    /** The most chunks one query reads when filters must be applied after the ANN query. */
    static final int MAX_CANDIDATES = 1000;

    private final IndexServices services;
    private final InFlightLimit annQueries;

    /** @param maxConcurrentQueries ANN queries this node has in flight at most; the others wait their turn */
    public SearchService(IndexServices services, int maxConcurrentQueries) {
        this.services = services;
        this.annQueries = new InFlightLimit(maxConcurrentQueries);
    }

    public CompletionStage<List<SearchHit>> search(SearchRequest request) {
        Embedder embedder = services.embedders().forSpec(request.config().embedding());
        ChunkStore chunks = services.existingChunks(embedder.dimension());
        if (chunks == null) {
            return CompletableFuture.completedFuture(List.of()); // nothing was ever stored for this model's size
        }
        PathFilter path = PathFilter.of(request.pathPrefix());
        boolean filteredAfter = path.needsCheck() || !request.hiddenSources().isEmpty();
        int candidates = filteredAfter ? Math.min(MAX_CANDIDATES, Math.max(request.k() * 10, 100)) : request.k();
        return embedder.embedQuery(request.query())
                .thenCompose(vector -> annQueries.submit(() -> chunks.search(request.workspace(),
                        request.config().generation(), vector, candidates, request.source(), path.directory())))
                .thenApply(hits -> hits.stream()
                        .filter(hit -> path.accepts(hit.path()))
                        .filter(hit -> !request.hiddenSources().contains(hit.source()))
                        .limit(request.k())
                        .toList());
    }

    /**
     * A path prefix as the index can filter it: the index knows each document's directories, so "docs/api/" is an
     * exact filter, while "docs/api" filters on "docs/" and then checks each hit's path.
     */
    record PathFilter(String prefix, String directory) {

        static PathFilter of(String prefix) {
            if (prefix == null || prefix.isEmpty()) {
                return new PathFilter(null, null);
            }
            int slash = prefix.lastIndexOf('/');
            return new PathFilter(prefix, slash < 0 ? null : prefix.substring(0, slash + 1));
        }

        boolean needsCheck() {
            return prefix != null && !prefix.equals(directory);
        }

        boolean accepts(String path) {
            return prefix == null || path.startsWith(prefix);
        }
    }
}
