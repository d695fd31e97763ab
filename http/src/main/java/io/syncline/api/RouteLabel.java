package io.syncline.api;

import java.util.Set;

/**
 * The {@code route} label of a request's metrics: its path with every segment that is not one of the API's own words
 * replaced by {@code {id}}, so that ids, names and a client's junk never make new series.
 */
final class RouteLabel {

    private static final Set<String> WORDS = Set.of("v1", "workspaces", "sources", "syncs", "jobs", "search",
            "manifest", "dead-letters", "retry", "providers", "keys", "audit", "endpoints", "config", "usage",
            "events", "generations", "activate", "discard", "eval", "documents", "cancel");
    private static final int MAX_SEGMENTS = 8;

    private RouteLabel() {
    }

    static String of(String path) {
        StringBuilder label = new StringBuilder();
        int segments = 0;
        for (String segment : path.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            if (++segments > MAX_SEGMENTS) {
                return label.append("/...").toString();
            }
            label.append('/').append(WORDS.contains(segment) ? segment : "{id}");
        }
        return label.isEmpty() ? "/" : label.toString();
    }
}
