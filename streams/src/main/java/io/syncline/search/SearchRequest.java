package io.syncline.search;

import io.syncline.sync.IndexConfig;

import java.util.Set;

/**
 * A search as the service runs it: the workspace's active generation and its config, the query text, and the
 * optional filters.
 *
 * @param source          only chunks of this source, or null
 * @param pathPrefix      only documents whose path starts with this, or null
 * @param hiddenSources   sources being removed: their chunks are still stored but never shown
 */
public record SearchRequest(String workspace, IndexConfig config, String query, int k, String source,
                            String pathPrefix, Set<String> hiddenSources) {

    public SearchRequest {
        hiddenSources = hiddenSources == null ? Set.of() : Set.copyOf(hiddenSources);
    }
}
